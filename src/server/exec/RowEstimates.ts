/**
 * Row counts for pg_class.reltuples, so tools that show table sizes (DBeaver, pgAdmin, JDBC
 * getTables' estimates) show the store's. Only tables whose API reports a total are counted, each
 * with one request (the provider's COUNT(*) plan), never a scan; the counts are kept for ten
 * minutes and shared by every session. A table that cannot be counted keeps PostgreSQL's -1.
 */
import type { Catalog } from '../../catalog/types';
import { canCount } from '../../engine/planSelect';
import { quoteIdent, quoteLiteral } from '../engine/catalogDdl';
import type { ProviderQuery } from '../StatementRunner';

const TTL_MS = 10 * 60_000;

export class RowEstimates {
  readonly #provider: ProviderQuery;
  readonly #tables: string[];
  #counts: { at: number; sql: string } | undefined;
  #pending: Promise<string> | undefined;

  constructor(provider: ProviderQuery, catalog: Catalog) {
    this.#provider = provider;
    this.#tables = catalog.tables
      .filter((t) => t.type !== 'VIEW' && !t.parent && !t.unnest && canCount(t))
      .map((t) => t.name);
  }

  /** An UPDATE of pg_class setting reltuples of the counted tables (for the engine's own transaction). */
  async update(): Promise<string> {
    if (this.#counts && Date.now() - this.#counts.at < TTL_MS) return this.#counts.sql;
    this.#pending ??= this.#count().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #count(): Promise<string> {
    const counts = await Promise.all(
      this.#tables.map(
        (name) =>
          this.#provider
            .query(`SELECT COUNT(*) FROM ${quoteIdent(name)}`, undefined, { rowMode: 'array' })
            .then((r) => [name, Number(r.rows[0]?.[0])] as const)
            .catch(() => [name, NaN] as const), // no scope for it, or the API refused: stays unknown
      ),
    );
    const known = counts.filter(([, n]) => Number.isFinite(n));
    const cases = known.map(([name, n]) => `WHEN ${quoteLiteral(name)} THEN ${n}`).join(' ');
    const names = known.map(([name]) => quoteLiteral(name)).join(', ');
    const sql = known.length
      ? `UPDATE pg_catalog.pg_class SET reltuples = CASE relname ${cases} END WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname IN (${names})`
      : '';
    this.#counts = { at: Date.now(), sql };
    return sql;
  }
}
