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
  return new ExecReader(sql, tokens).read();
}

/** A cursor over the call's tokens; each method reads one part of the grammar above. */
class ExecReader {
  readonly #sql: string;
  readonly #tokens: Token[];
  #i = 1;
  #positional = 0;
  readonly #named: string[] = [];
  #parenthesised = false;

  constructor(sql: string, tokens: Token[]) {
    this.#sql = sql;
    this.#tokens = tokens;
  }

  read(): ExecStatement {
    const nameToken = this.#procedureName();
    this.#parenthesised = isOp(this.#at(), '(');
    if (this.#parenthesised) this.#i++;
    const args = this.#atEnd(this.#at()) ? [] : this.#args();
    if (this.#parenthesised) {
      if (!isOp(this.#at(), ')')) this.#fail(this.#at(), "expected ')' to close the argument list");
      this.#i++;
    }
    if (isOp(this.#at(), ';')) this.#i++;
    if (this.#i < this.#tokens.length) this.#fail(this.#at(), 'expected the end of the statement');
    return {
      kind: 'exec',
      procedure: String(nameToken.kind === 'ident' ? nameToken.text : nameToken.value),
      args,
      text: this.#sql,
      positionalParams: this.#positional,
      namedParams: this.#named,
    };
  }

  #at(offset = 0): Token | undefined {
    return this.#tokens[this.#i + offset];
  }

  #atEnd(t: Token | undefined): boolean {
    return !t || isOp(t, ';') || (this.#parenthesised && isOp(t, ')'));
  }

  #fail(t: Token | undefined, message: string): never {
    throw sqlSyntaxError(
      this.#sql,
      t ? t.start : this.#sql.length,
      `${message} but found ${describeToken(t)}`,
    );
  }

  /** The procedure name, possibly schema-qualified (dbo.Proc, [BigCommerce].[Proc]): the last part. */
  #procedureName(): Token {
    const isName = (t: Token | undefined): t is Token => !!t && (t.kind === 'ident' || t.kind === 'quoted');
    let nameToken = this.#at();
    if (!isName(nameToken)) {
      return this.#fail(nameToken, `expected a procedure name after ${this.#tokens[0].text.toUpperCase()}`);
    }
    this.#i++;
    while (isOp(this.#at(), '.')) {
      const part = this.#at(1);
      if (!isName(part)) this.#fail(part, "expected a name after '.'");
      nameToken = part;
      this.#i += 2;
    }
    return nameToken;
  }

  #args(): ProcArg[] {
    const args: ProcArg[] = [];
    const seen = new Set<string>();
    for (;;) {
      const first = this.#at()!;
      const name = this.#argName(first, seen);
      if (name === null && args.some((a) => a.name !== null)) {
        throw sqlSyntaxError(
          this.#sql,
          first.start,
          'a positional argument cannot follow named ones',
          'name it (Param = value) or move it before them',
        );
      }
      args.push({ name, value: this.#value(), position: first.start + 1 });
      const sep = this.#at();
      if (isOp(sep, ',')) {
        this.#i++;
        if (this.#atEnd(this.#at())) this.#fail(this.#at(), `expected an argument after ','`);
        continue;
      }
      if (this.#atEnd(sep)) return args;
      this.#fail(sep, "expected ',' between arguments");
    }
  }

  /** `Name =` or `@Name =` before a value: the name (each only once); null for a positional argument. */
  #argName(first: Token, seen: Set<string>): string | null {
    const isName =
      first.kind === 'ident' || first.kind === 'quoted' || (first.kind === 'named' && first.text[0] === '@');
    if (!isName || !isOp(this.#at(1), '=')) return null;
    const name = String(first.kind === 'ident' ? first.text : first.value);
    if (seen.has(name.toLowerCase())) {
      throw sqlSyntaxError(
        this.#sql,
        first.start,
        `parameter ${name} is given twice`,
        'pass each parameter once',
      );
    }
    seen.add(name.toLowerCase());
    this.#i += 2;
    return name;
  }

  #value(): Operand {
    const t = this.#at();
    if (!t) return this.#fail(t, `expected ${VALUE_HINT}`);
    if (t.kind === 'string' || t.kind === 'quoted') {
      this.#i++;
      return { kind: 'literal', value: String(t.value) };
    }
    if (isOp(t, '-', '+') && this.#at(1)?.kind === 'number') {
      const n = this.#at(1)!.value as number;
      this.#i += 2;
      return { kind: 'literal', value: t.text === '-' ? -n : n };
    }
    if (t.kind === 'number') {
      this.#i++;
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'qmark' || t.kind === 'named') return this.#placeholder(t);
    if (t.kind === 'ident') return this.#word(t);
    if (t.kind === 'blob') {
      throw notSupportedError(this.#sql, t.start, 'binary literals are not supported as procedure arguments');
    }
    return this.#fail(t, `expected ${VALUE_HINT}`);
  }

  #placeholder(t: Token): Operand {
    if (t.kind === 'qmark' && t.text !== '?') throw numberedPlaceholder(this.#sql, t);
    this.#i++;
    if (t.kind === 'qmark') return { kind: 'param', index: this.#positional++ };
    const name = String(t.value);
    if (!this.#named.includes(name)) this.#named.push(name);
    return { kind: 'named', name };
  }

  /** NULL, TRUE, FALSE, or a bare word read as a string, as SQL Server does. */
  #word(t: Token): Operand {
    if (isWord(t, 'DEFAULT')) {
      throw sqlSyntaxError(
        this.#sql,
        t.start,
        'DEFAULT is not accepted as an argument',
        'omit the parameter to use its default',
      );
    }
    this.#i++;
    if (isWord(t, 'NULL')) return { kind: 'literal', value: null };
    if (isWord(t, 'TRUE', 'FALSE')) return { kind: 'literal', value: isWord(t, 'TRUE') };
    return { kind: 'literal', value: t.text };
  }
}

export function numberedPlaceholder(sql: string, t: Token) {
  return notSupportedError(
    sql,
    t.start,
    `numbered placeholder ${t.text} is not supported`,
    'use ? (bound in order) or @name placeholders',
  );
}
