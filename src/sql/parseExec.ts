/**
 * Recognises procedure calls. node-sql-parser understands only `EXEC Proc @A='x'` (transactsql),
 * while users also send `EXECUTE Proc A='x'`, positional `EXEC Proc 'a', 'b'` and placeholders,
 * so calls are read here from the token stream, which also gives exact positions for errors.
 *
 *   call  := (EXEC | EXECUTE) name ('.' name)* ( '(' args? ')' | args? ) ';'?
 *   args  := arg (',' arg)*
 *   arg   := [ (@name | name) '=' ] value
 *   value := 'text' | N'text' | [+-]number | NULL | TRUE | FALSE | ? | @name | :name | bare word
 *
 * A bare word value is read as a string, as SQL Server does (`EXEC Proc AuthMode=WEB`).
 */
import type { ExecStatement, Operand, ProcArg } from './types';
import { isOp, isWord, type Token } from './lexer';
import { describeToken, notSupportedError, sqlSyntaxError } from './sqlErrors';

const VALUE_HINT = "a value ('text', a number, NULL, TRUE, FALSE, ? or @name)";

export function parseExec(sql: string, tokens: Token[]): ExecStatement {
  let i = 1;
  let positional = 0;
  const named: string[] = [];
  const keyword = tokens[0].text.toUpperCase();

  const fail = (t: Token | undefined, message: string): never => {
    throw sqlSyntaxError(sql, t ? t.start : sql.length, `${message} but found ${describeToken(t)}`);
  };

  // Procedure name, possibly schema-qualified (dbo.Proc, [BigCommerce].[Proc]): keep the last part.
  let nameToken = tokens[i];
  if (!nameToken || (nameToken.kind !== 'ident' && nameToken.kind !== 'quoted')) {
    fail(nameToken, `expected a procedure name after ${keyword}`);
  }
  i++;
  while (isOp(tokens[i], '.')) {
    const part = tokens[i + 1];
    if (!part || (part.kind !== 'ident' && part.kind !== 'quoted')) fail(part, "expected a name after '.'");
    nameToken = part;
    i += 2;
  }

  const parenthesised = isOp(tokens[i], '(');
  if (parenthesised) i++;
  const atEnd = (t: Token | undefined): boolean => !t || isOp(t, ';') || (parenthesised && isOp(t, ')'));

  const readValue = (): Operand => {
    const t = tokens[i];
    if (!t) return fail(t, `expected ${VALUE_HINT}`);
    if (t.kind === 'string' || t.kind === 'quoted') {
      i++;
      return { kind: 'literal', value: String(t.value) };
    }
    if (isOp(t, '-', '+') && tokens[i + 1]?.kind === 'number') {
      i += 2;
      const n = tokens[i - 1].value as number;
      return { kind: 'literal', value: t.text === '-' ? -n : n };
    }
    if (t.kind === 'number') {
      i++;
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'qmark') {
      if (t.text !== '?') throw numberedPlaceholder(sql, t);
      i++;
      return { kind: 'param', index: positional++ };
    }
    if (t.kind === 'named') {
      i++;
      if (!named.includes(String(t.value))) named.push(String(t.value));
      return { kind: 'named', name: String(t.value) };
    }
    if (t.kind === 'ident') {
      if (isWord(t, 'DEFAULT')) {
        throw sqlSyntaxError(
          sql,
          t.start,
          'DEFAULT is not accepted as an argument',
          'omit the parameter to use its default',
        );
      }
      i++;
      if (isWord(t, 'NULL')) return { kind: 'literal', value: null };
      if (isWord(t, 'TRUE', 'FALSE')) return { kind: 'literal', value: isWord(t, 'TRUE') };
      return { kind: 'literal', value: t.text };
    }
    if (t.kind === 'blob') {
      throw notSupportedError(sql, t.start, 'binary literals are not supported as procedure arguments');
    }
    return fail(t, `expected ${VALUE_HINT}`);
  };

  const args: ProcArg[] = [];
  const seen = new Set<string>();
  if (!atEnd(tokens[i])) {
    for (;;) {
      const first = tokens[i];
      let name: string | null = null;
      const isName =
        first.kind === 'ident' ||
        first.kind === 'quoted' ||
        (first.kind === 'named' && first.text[0] === '@');
      if (isName && isOp(tokens[i + 1], '=')) {
        name = String(first.kind === 'ident' ? first.text : first.value);
        if (seen.has(name.toLowerCase())) {
          throw sqlSyntaxError(
            sql,
            first.start,
            `parameter ${name} is given twice`,
            'pass each parameter once',
          );
        }
        seen.add(name.toLowerCase());
        i += 2;
      } else if (args.some((a) => a.name !== null)) {
        throw sqlSyntaxError(
          sql,
          first.start,
          'a positional argument cannot follow named ones',
          'name it (Param = value) or move it before them',
        );
      }
      args.push({ name, value: readValue(), position: first.start + 1 });
      const sep = tokens[i];
      if (isOp(sep, ',')) {
        i++;
        if (atEnd(tokens[i])) fail(tokens[i], `expected an argument after ','`);
        continue;
      }
      if (atEnd(sep)) break;
      fail(sep, "expected ',' between arguments");
    }
  }
  if (parenthesised) {
    if (!isOp(tokens[i], ')')) fail(tokens[i], "expected ')' to close the argument list");
    i++;
  }
  if (isOp(tokens[i], ';')) i++;
  if (i < tokens.length) fail(tokens[i], 'expected the end of the statement');

  return {
    kind: 'exec',
    procedure: String(nameToken.kind === 'ident' ? nameToken.text : nameToken.value),
    args,
    text: sql,
    positionalParams: positional,
    namedParams: named,
  };
}

export function numberedPlaceholder(sql: string, t: Token) {
  return notSupportedError(
    sql,
    t.start,
    `numbered placeholder ${t.text} is not supported`,
    'use ? (bound in order) or @name placeholders',
  );
}
