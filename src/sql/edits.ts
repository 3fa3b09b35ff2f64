/** Text edits on the original SQL: replace [start, end) with `text` (start === end inserts). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; insertions at the same offset keep the order they were given in. */
export function applyEdits(sql: string, edits: Edit[]): string {
  if (edits.length === 0) return sql;
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    out += sql.slice(at, e.start) + e.text;
    at = Math.max(at, e.end);
  }
  return out + sql.slice(at);
}
