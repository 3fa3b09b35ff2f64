/**
 * Which statements SQLite may run on the main thread, skipping the worker process (it costs a
 * fraction of a millisecond a statement, as much as a whole point query): those whose work is
 * bounded by the rows of one staged table — one table, no join, union, subquery or CTE (the
 * parser's `single`), no pattern matching (LIKE/GLOB backtrack) and only functions whose cost
 * grows with their arguments (no zeroblob, printf('%*d', …), randomblob … that build huge values).
 */
import { tokenize } from '../sql/lexer';
import type { SelectStatement } from '../sql/types';

const LINEAR_FUNCTIONS = new Set(
  [
    'count', 'sum', 'total', 'avg', 'min', 'max', 'coalesce', 'ifnull', 'nullif', 'iif', 'lower', 'upper',
    'length', 'abs', 'round', 'trim', 'ltrim', 'rtrim', 'substr', 'substring', 'instr', 'typeof',
    'date', 'time', 'datetime', 'julianday', 'unixepoch', 'cast',
    // The engine's own rewrites of SUM/AVG/TOTAL and CAST (functionRewrites.ts): one step a row.
    'bcsql_decimal_sum', 'bcsql_decimal_avg', 'bcsql_decimal_total', 'bcsql_date', 'bcsql_datetime',
  ], // prettier-ignore
);
const BACKTRACKING = new Set(['like', 'glob', 'regexp', 'match']);

export function runsInline(stmt: SelectStatement): boolean {
  if (!stmt.single || stmt.tables.length !== 1) return false;
  const tokens = tokenize(stmt.text).filter((t) => t.kind !== 'comment');
  return tokens.every((t, i) => {
    if (t.kind !== 'ident') return true;
    const word = t.text.toLowerCase();
    if (word === 'with' || BACKTRACKING.has(word)) return false;
    const next = tokens[i + 1];
    return !(next?.kind === 'op' && next.text === '(') || LINEAR_FUNCTIONS.has(word);
  });
}
