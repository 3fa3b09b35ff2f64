/**
 * A SELECT's text without its top-level WHERE clause, for `SELECT … FROM Proc WHERE A='x' AND B=?`.
 *
 * There the WHERE terms are the procedure's inputs, not conditions on its result: a result column
 * may share an input's name and hold a different value (RefreshOAuthAccessToken takes
 * OAuthRefreshToken and returns the new one; GetOAuthAccessToken's Scope is what the server
 * granted), so SQLite re-applying the WHERE would drop correct rows. The rest of the statement —
 * select list, ORDER BY, LIMIT — still runs over the procedure's result.
 */
import { isOp, isWord, tokenize } from './lexer';

/** Words that end a WHERE clause at the top level of a SELECT. */
const CLAUSE_END = [
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'HAVING',
  'WINDOW',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'FETCH',
];

export interface WithoutWhere {
  text: string;
  /** 0-based indices (in order of appearance) of the `?` placeholders that were inside the WHERE. */
  removedPositional: number[];
}

export function withoutWhere(sql: string): WithoutWhere {
  const toks = tokenize(sql).filter((t) => t.kind !== 'comment');
  let depth = 0;
  let start = -1;
  let end = sql.length;
  for (const t of toks) {
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    else if (depth !== 0) continue;
    else if (start < 0 && isWord(t, 'WHERE')) start = t.start;
    else if (start >= 0 && (isWord(t, ...CLAUSE_END) || isOp(t, ';'))) {
      end = t.start;
      break;
    }
  }
  if (start < 0) return { text: sql, removedPositional: [] };
  const removedPositional: number[] = [];
  toks
    .filter((t) => t.kind === 'qmark')
    .forEach((t, i) => {
      if (t.start >= start && t.start < end) removedPositional.push(i);
    });
  return { text: `${sql.slice(0, start)}${sql.slice(end)}`, removedPositional };
}
