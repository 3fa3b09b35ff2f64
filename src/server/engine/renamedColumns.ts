/**
 * Catalog columns the engine's PostgreSQL renamed after version 15, under the names older clients
 * still send: psql 15 (Debian 12's) lists databases with `d.daticulocale`, which became
 * `datlocale` in PostgreSQL 17. Only unquoted words are rewritten, never strings or quoted names.
 */
import { pgTokenize } from '../pgLexer';

const RENAMED: Record<string, string> = { daticulocale: 'datlocale' };

export function renamedColumns(sql: string): string {
  if (!/daticulocale/i.test(sql)) return sql;
  let out = '';
  let at = 0;
  for (const t of pgTokenize(sql)) {
    const to = t.kind === 'word' ? RENAMED[t.text.toLowerCase()] : undefined;
    if (!to) continue;
    out += sql.slice(at, t.start) + to;
    at = t.end;
  }
  return out + sql.slice(at);
}
