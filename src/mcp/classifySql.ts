/**
 * What a run_query statement would do, before it runs: read, call a procedure, explain, or write.
 * Writes are recognised from the first keyword (or the one after a WITH's CTEs), so the MCP
 * server's own read-only rule answers them, whatever the provider says about writes.
 */
import type { Catalog } from '../catalog/types';
import { isOp, isWord, scan } from '../sql/lexer';
import { parseStatement, WRITES as WRITE_WORDS } from '../sql/parseStatement';
import type { Statement } from '../sql/types';

export type SqlKind =
  | { kind: 'write'; verb: string }
  | { kind: 'procedure'; name: string }
  | { kind: 'explain' | 'read'; stmt: Statement };

/** Throws the provider's SqlError for text that is neither a write nor a statement it parses. */
export function classifySql(sql: string, catalog: Catalog): SqlKind {
  const verb = writeVerb(sql);
  if (verb) return { kind: 'write', verb };
  const stmt = parseStatement(sql);
  if (stmt.kind === 'exec') return { kind: 'procedure', name: stmt.procedure };
  if (stmt.kind === 'explain') return { kind: 'explain', stmt };
  // REPLICATE writes a local copy and may send thousands of requests: not a read.
  if (stmt.kind === 'replicate') return { kind: 'write', verb: 'REPLICATE' };
  if (stmt.kind === 'write') return { kind: 'write', verb: stmt.command };
  const proc = stmt.tables.find((t) => !catalog.findTable(t.name) && catalog.findProcedure(t.name));
  if (proc) return { kind: 'procedure', name: catalog.findProcedure(proc.name)!.name };
  return { kind: 'read', stmt };
}

function writeVerb(sql: string): string | undefined {
  const toks = scan(sql).tokens.filter((t) => t.kind !== 'comment');
  const first = toks[0];
  if (isWord(first, ...WRITE_WORDS)) return first.text.toUpperCase();
  if (!isWord(first, 'WITH')) return undefined;
  let depth = 0;
  for (let i = 1; i < toks.length; i++) {
    if (isOp(toks[i], '(')) depth++;
    else if (isOp(toks[i], ')')) depth--;
    else if (depth === 0 && isWord(toks[i], ...WRITE_WORDS) && isOp(toks[i - 1], ')'))
      return toks[i].text.toUpperCase();
  }
  return undefined;
}
