/**
 * The engine's store tables are empty until a statement loads them, so PostgreSQL's size functions
 * answer 0 or 8192 bytes and tools (`\dt+`, pgAdmin, DBeaver) show every table as empty. Calls to
 * them are pointed at a function of the statement's own transaction that answers the larger of the
 * real size and the row estimate (pg_class.reltuples, from the API's counts) times a typical row
 * width from the column types. It is an estimate, as reltuples is; catalog tables keep their size.
 */
import { pgTokenize } from '../pgLexer';

// pg_relation_size is per fork (and takes one), so it keeps PostgreSQL's answer.
const SIZE_FUNCTIONS = new Set(['pg_table_size', 'pg_total_relation_size']);
const ESTIMATE = 'pg_temp.bcsql_relation_size';

const readsRelationSizes = (sql: string) => /pg_(table|total_relation)_size/i.test(sql);

/** Whether a rewritten statement calls the estimate (and so needs reltuples and the function). */
export const usesSizeEstimate = (sql: string): boolean => sql.includes(ESTIMATE);

/** `sql` with each size call, bare or `pg_catalog.`-qualified, calling the estimate instead. */
export function estimatedSizes(sql: string): string {
  if (!readsRelationSizes(sql)) return sql;
  const tokens = pgTokenize(sql);
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' || !SIZE_FUNCTIONS.has(t.text.toLowerCase())) return;
    if (tokens[i + 1]?.text !== '(') return;
    const dot = tokens[i - 1]?.text === '.' ? tokens[i - 1] : undefined;
    const schema = dot && tokens[i - 2]?.kind === 'word' ? tokens[i - 2] : undefined;
    if (dot && schema?.text.toLowerCase() !== 'pg_catalog') return;
    const start = schema ? schema.start : t.start;
    out += sql.slice(at, start) + ESTIMATE;
    at = t.end;
  });
  return out + sql.slice(at);
}

/** The estimate, created in the statement's transaction (and rolled back with it). */
export const RELATION_SIZE_FUNCTION = `CREATE FUNCTION ${ESTIMATE}(rel regclass) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT greatest(pg_catalog.pg_table_size(rel), (
    SELECT CASE WHEN c.reltuples > 0 THEN (c.reltuples * (
      SELECT coalesce(sum(CASE WHEN t.typlen > 0 THEN t.typlen ELSE 24 END), 0)
      FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))::bigint ELSE 0 END
    FROM pg_catalog.pg_class c WHERE c.oid = rel))
$$`;
