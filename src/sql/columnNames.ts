/**
 * Every name in a SELECT that could be a column, from its tokens: a column can only be read by
 * writing its name (or by `*`, which the AST reports), so no name means no read. Keywords,
 * functions, aliases and table names come along too; the engine ignores what names no column.
 */
import { isOp, type Token } from './lexer';
import type { ColumnReferences } from './types';

export function columnNames(toks: Token[]): ColumnReferences['names'] {
  const seen = new Set<string>();
  const out: ColumnReferences['names'] = [];
  for (let k = 0; k < toks.length; k++) {
    const name = nameOf(toks[k]);
    if (name === null) continue;
    const qualifier = isOp(toks[k - 1], '.') ? nameOf(toks[k - 2]) : null;
    const key = `${qualifier ?? ''}.${name}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ qualifier, name });
  }
  return out;
}

function nameOf(t: Token | undefined): string | null {
  if (!t) return null;
  if (t.kind === 'ident') return t.text;
  return t.kind === 'quoted' ? String(t.value) : null;
}
