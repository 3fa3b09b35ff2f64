/**
 * Fetches the rows a statement needs through the provider (which plans the API requests and
 * their pushdown from a plain SELECT per table) and turns them into COPY text for the engine.
 * Tables narrowed by a join's keys wait for the table the keys come from; the rest go at once.
 */
import { copyLine, pgType } from '../../engine/pgColumns';
import { SECRET_MASK } from '../../options/properties';
import type { QueryResult } from '../../types';
import { quoteIdent } from '../engine/catalogDdl';
import type { StagedTable } from '../engine/CatalogEngine';
import type { ProviderQuery } from '../StatementRunner';
import type { FetchPlan } from './planFetches';

/** More distinct join keys than this and the table is fetched without them. */
const MAX_JOIN_KEYS = 100;

interface Fetched {
  columns: string[];
  rows: unknown[][];
}

export interface FetchedStore {
  tables: StagedTable[];
  warnings: string[];
}

export async function fetchStore(
  provider: ProviderQuery,
  plans: FetchPlan[],
  secrets: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<FetchedStore> {
  const rows = new Map<string, Fetched>();
  const warnings: string[] = [];
  const run = async (plan: FetchPlan): Promise<void> => {
    const result = await fetchOne(provider, plan, rows, signal);
    rows.set(plan.table.name, { columns: plan.columns, rows: result ? dedupe(plan, result.rows) : [] });
    if (result) warnings.push(...result.warnings);
  };
  const independent = plans.filter(
    (p) => !p.joinKey || !plans.some((o) => o.table.name === p.joinKey!.table),
  );
  await Promise.all(independent.map(run));
  for (const p of plans) if (!independent.includes(p)) await run(p);
  const tables = plans.map((p) => staged(p, rows.get(p.table.name)?.rows ?? [], secrets));
  return { tables, warnings };
}

async function fetchOne(
  provider: ProviderQuery,
  plan: FetchPlan,
  fetched: Map<string, Fetched>,
  signal: AbortSignal,
): Promise<QueryResult<unknown[]> | null> {
  const filters = [...plan.filters];
  const key = plan.joinKey;
  const source = key && fetched.get(key.table);
  const at = source ? source.columns.indexOf(key.otherColumn) : -1;
  if (key && source && at >= 0) {
    const keys = [...new Set(source.rows.map((r) => r[at]).filter((v) => v !== null))];
    if (keys.length === 0) return null;
    if (keys.length <= MAX_JOIN_KEYS) {
      filters.push({ sql: `${quoteIdent(key.column)} IN (${keys.map(() => '?').join(', ')})`, values: keys });
    }
  }
  if (plan.limit === 0) return null;
  const where = filters.length ? ` WHERE ${filters.map((f) => f.sql).join(' AND ')}` : '';
  const limit = plan.limit !== undefined ? ` LIMIT ${plan.limit}` : '';
  const sql = `SELECT ${plan.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(plan.table.name)}${where}${limit}`;
  const params = filters.flatMap((f) => f.values);
  return provider.query(sql, params.length ? params : undefined, {
    signal,
    rowMode: 'array',
    maskSecrets: true,
  });
}

/** One row per primary key (the last one seen): a page that shifted during the scan can repeat a row. */
function dedupe(plan: FetchPlan, rows: unknown[][]): unknown[][] {
  const keyAt = plan.table.primaryKey.map((k) => plan.columns.indexOf(k));
  let out = rows;
  if (keyAt.length > 0 && keyAt.every((i) => i >= 0)) {
    const seen = new Map<string, unknown[]>();
    for (const r of rows) seen.set(JSON.stringify(keyAt.map((i) => r[i])), r);
    if (seen.size !== rows.length) out = [...seen.values()];
  }
  return out;
}

function staged(plan: FetchPlan, rows: unknown[][], secrets: ReadonlySet<string>): StagedTable {
  const types = plan.columns.map((name) => plan.table.columns.find((c) => c.name === name)!);
  const lines: string[] = [];
  for (const r of rows) {
    const masked = secrets.size
      ? r.map((v) => (typeof v === 'string' && secrets.has(v) ? SECRET_MASK : v))
      : r;
    lines.push(copyLine(types, masked));
  }
  const table: StagedTable = {
    name: plan.table.name,
    columns: plan.columns,
    data: Buffer.from(lines.join('')),
  };
  if (plan.table.view) {
    const cols = plan.table.columns.map((c) => `${quoteIdent(c.name)} ${pgType(c.type)}`).join(', ');
    table.asTable = `DROP VIEW ${quoteIdent(plan.table.name)} CASCADE; CREATE TABLE ${quoteIdent(plan.table.name)} (${cols})`;
  }
  return table;
}
