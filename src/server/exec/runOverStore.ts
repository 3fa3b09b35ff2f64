/**
 * Runs a statement that reads store tables in PostgreSQL: the provider fetches the rows the
 * statement can see (with the pushdown planFetches derives from it), the engine loads them into
 * tables of the same names and types, and runs the statement as the client wrote it, so every
 * function, cast, operator, error and column name is PostgreSQL's own.
 */
import type { CatalogEngine, EngineOutcome } from '../engine/CatalogEngine';
import * as msg from '../protocol/backendMessages';
import type { BindValues } from '../protocol/engineMessages';
import { codeTokens } from '../pgLexer';
import type { ProviderQuery } from '../StatementRunner';
import { fetchStore } from './fetchStore';
import { planFetches, type StoreShape } from './planFetches';

export interface StoreStatement {
  sql: string;
  /** Parameter types as the client gave them (0: PostgreSQL infers). */
  paramTypes: readonly number[];
  bind: BindValues;
  /** `$n` as a value, when it can be decoded; for pushdown only. */
  param(n: number): unknown;
  /** SQL run before the statement, once the rows are loaded (the session's role). */
  prelude?: string;
}

export interface StoreServices {
  provider: ProviderQuery;
  engine: CatalogEngine;
  shapes: ReadonlyMap<string, StoreShape>;
  secrets: ReadonlySet<string>;
}

export async function runOverStore(
  services: StoreServices,
  stmt: StoreStatement,
  withDescription: boolean,
  signal: AbortSignal,
): Promise<EngineOutcome> {
  const plans = planFetches(codeTokens(stmt.sql), services.shapes, (n) => stmt.param(n));
  const fetched = await fetchStore(services.provider, plans, services.secrets, signal);
  const out = await services.engine.runStaged(fetched.tables, stmt.sql, stmt.paramTypes, stmt.bind, withDescription, signal, stmt.prelude); // prettier-ignore
  const warnings = fetched.warnings.map((w) =>
    msg.noticeResponse(msg.errorFields('01000', w, {}, 'WARNING')),
  );
  return { ...out, notices: [...warnings, ...out.notices] };
}
