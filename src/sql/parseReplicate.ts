/**
 * Recognises REPLICATE statements from the token stream (node-sql-parser knows no such statement):
 *
 *   REPLICATE [INTO 'target'] ( name | TABLES '(' name (',' name)* ')' | ALL )
 *             [EXCLUDE COLUMNS '(' column (',' column)* ')'] ';'?
 *
 * Names may be quoted or schema-qualified (the qualifier is dropped). EXCLUDE COLUMNS entries may
 * be `Column` (every table) or `Table.Column`.
 */
import { isOp, isWord, type Token } from './lexer';
import { describeToken, sqlSyntaxError } from './sqlErrors';
import type { ReplicateStatement } from './types';

export function parseReplicate(sql: string, tokens: Token[]): ReplicateStatement {
  let i = 1;
  const fail = (message: string): never => {
    const t = tokens[i];
    throw sqlSyntaxError(sql, t ? t.start : sql.length, `${message} but found ${describeToken(t)}`);
  };
  const name = (what: string): string => {
    let t = tokens[i];
    if (!t || (t.kind !== 'ident' && t.kind !== 'quoted')) fail(`expected ${what}`);
    i++;
    while (isOp(tokens[i], '.') && tokens[i + 1] && ['ident', 'quoted'].includes(tokens[i + 1].kind)) {
      t = tokens[i + 1];
      i += 2;
    }
    return String(t.value);
  };
  const list = (what: string): string[] => {
    if (!isOp(tokens[i], '(')) fail(`expected ( before the list of ${what}s`);
    i++;
    const out = [name(`a ${what} name`)];
    while (isOp(tokens[i], ',')) {
      i++;
      out.push(name(`a ${what} name`));
    }
    if (!isOp(tokens[i], ')')) fail(`expected , or ) in the list of ${what}s`);
    i++;
    return out;
  };

  let target: string | undefined;
  if (isWord(tokens[i], 'INTO')) {
    i++;
    if (tokens[i]?.kind !== 'string')
      fail("expected the target in quotes after INTO ('bigcommerce.db' or 'postgres://…')");
    target = String(tokens[i].value);
    i++;
  }
  let tables: string[] | 'ALL';
  if (isWord(tokens[i], 'ALL')) {
    i++;
    tables = 'ALL';
  } else if (isWord(tokens[i], 'TABLES')) {
    i++;
    tables = list('table');
  } else tables = [name('a table name, TABLES (…) or ALL')];
  let excludeColumns: string[] = [];
  if (isWord(tokens[i], 'EXCLUDE')) {
    i++;
    if (!isWord(tokens[i], 'COLUMNS')) fail('expected COLUMNS after EXCLUDE');
    i++;
    excludeColumns = list('column');
  }
  if (isOp(tokens[i], ';')) i++;
  if (i < tokens.length) fail('expected the end of the REPLICATE statement');
  const stmt: ReplicateStatement = { kind: 'replicate', tables, excludeColumns, text: sql };
  if (target !== undefined) stmt.target = target;
  return stmt;
}
