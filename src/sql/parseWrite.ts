/**
 * Recognises INSERT, UPSERT, UPDATE and DELETE from the token stream. The pieces a write needs
 * SQLite for (SET expressions over the current row, the WHERE, INSERT's SELECT) are kept as the
 * user's own text, so the engine can plan them as a SELECT and SQLite evaluates them:
 *
 *   insert := (INSERT | UPSERT) INTO table '(' col (',' col)* ')' (VALUES row (',' row)* | select) returning?
 *   update := UPDATE table [[AS] alias] SET col '=' expr (',' col '=' expr)* [WHERE cond] returning?
 *   delete := DELETE FROM table [[AS] alias] [WHERE cond] returning?
 *   returning := RETURNING ('*' | col (',' col)*)
 */
import type { Operand, SqlFragment, TableRef, WriteCommand, WriteStatement } from './types';
import { isOp, isWord, type Token } from './lexer';
import { describeToken, sqlSyntaxError } from './sqlErrors';

const CLAUSE_WORDS = ['SET', 'WHERE', 'RETURNING', 'VALUES', 'SELECT', 'WITH'];

export function parseWrite(sql: string, tokens: Token[]): WriteStatement {
  return new WriteReader(sql, tokens).read();
}

class WriteReader {
  readonly #sql: string;
  readonly #toks: Token[];
  readonly #qmarks = new Map<Token, number>();
  #i = 0;

  constructor(sql: string, tokens: Token[]) {
    this.#sql = sql;
    // A trailing `;` ends the statement; parseStatement already refused a second one.
    let end = tokens.length;
    while (end > 0 && isOp(tokens[end - 1], ';')) end--;
    this.#toks = tokens.slice(0, end);
    let n = 0;
    for (const t of this.#toks) if (t.kind === 'qmark') this.#qmarks.set(t, n++);
  }

  read(): WriteStatement {
    const verb = this.#toks[0].text.toUpperCase() as WriteCommand;
    this.#i = 1;
    const returningAt = this.#topLevel('RETURNING', 1, this.#toks.length);
    const end = returningAt ?? this.#toks.length;
    const body =
      verb === 'UPDATE' ? this.#update(end) : verb === 'DELETE' ? this.#delete(end) : this.#insert(end);
    const named: string[] = [];
    for (const t of this.#toks)
      if (t.kind === 'named' && !named.includes(String(t.value))) named.push(String(t.value));
    return {
      kind: 'write',
      command: verb,
      ...body,
      returning: returningAt === undefined ? null : this.#returning(returningAt + 1),
      text: this.#sql,
      positionalParams: this.#qmarks.size,
      namedParams: named,
    };
  }

  #insert(
    end: number,
  ): Omit<WriteStatement, 'kind' | 'command' | 'returning' | 'text' | 'positionalParams' | 'namedParams'> {
    this.#expectWord('INTO', 'write INSERT INTO Table (Col, …) VALUES (…)');
    const table = this.#table(false);
    if (!isOp(this.#at(), '(')) {
      this.#fail(
        this.#at(),
        'expected the column list in parentheses',
        'name the columns: INSERT INTO Table (Col1, Col2) VALUES (…)',
      );
    }
    this.#i++;
    const columns = this.#names(')');
    this.#i++;
    if (isWord(this.#at(), 'VALUES')) {
      this.#i++;
      return { table, columns, values: this.#rows(end, columns.length) };
    }
    if (isWord(this.#at(), 'SELECT', 'WITH')) {
      const select = this.#fragment(this.#i, end);
      this.#i = end;
      return { table, columns, select };
    }
    return this.#fail(this.#at(), 'expected VALUES or SELECT after the column list');
  }

  #update(end: number) {
    const table = this.#table(true);
    this.#expectWord('SET', 'write UPDATE Table SET Col = value WHERE …');
    const whereAt = this.#topLevel('WHERE', this.#i, end);
    const setEnd = whereAt ?? end;
    const columns: string[] = [];
    const set: SqlFragment[] = [];
    for (const [from, to] of this.#split(this.#i, setEnd)) {
      // `SET p.Price = …`: a qualifier naming the updated table (or its alias) is dropped.
      const qualified = isOp(this.#toks[from + 1], '.') && this.#isName(this.#toks[from + 2]);
      if (qualified) this.#checkQualifier(this.#toks[from], table);
      const at = qualified ? from + 2 : from;
      const nameTok = this.#toks[at];
      if (!this.#isName(nameTok) || !isOp(this.#toks[at + 1], '=')) {
        this.#fail(nameTok, 'expected Column = value in SET');
      }
      if (at + 2 >= to) this.#fail(this.#toks[to] ?? this.#toks[at + 1], 'expected a value after =');
      const name = this.#nameOf(nameTok);
      if (columns.some((c) => c.toLowerCase() === name.toLowerCase())) {
        this.#fail(nameTok, `column ${name} is set twice`, 'set each column once');
      }
      columns.push(name);
      set.push(this.#fragment(at + 2, to));
    }
    return { table, columns, set, ...this.#where(whereAt, end) };
  }

  #delete(end: number) {
    this.#expectWord('FROM', 'write DELETE FROM Table WHERE …');
    const table = this.#table(true);
    const whereAt = this.#topLevel('WHERE', this.#i, end);
    if (whereAt === undefined && this.#i < end)
      this.#fail(this.#at(), 'expected WHERE or the end of the statement');
    return { table, columns: [], ...this.#where(whereAt, end) };
  }

  #checkQualifier(t: Token, table: TableRef): void {
    const q = this.#nameOf(t).toLowerCase();
    if (q === table.name.toLowerCase() || q === table.alias?.toLowerCase()) return;
    this.#fail(t, `SET can only set columns of ${table.name}`, `write SET Column = value`);
  }

  #where(whereAt: number | undefined, end: number): { where?: SqlFragment } {
    if (whereAt === undefined) return {};
    if (whereAt + 1 >= end) this.#fail(this.#toks[whereAt], 'expected a condition after WHERE');
    return { where: this.#fragment(whereAt + 1, end) };
  }

  /** `[schema.]Table [[AS] alias]`; the qualifier is dropped as in SELECT. */
  #table(aliasAllowed: boolean): TableRef {
    const parts: string[] = [];
    for (;;) {
      const t = this.#at();
      if (!this.#isName(t)) this.#fail(t, 'expected a table name');
      parts.push(this.#nameOf(t));
      this.#i++;
      if (!isOp(this.#at(), '.')) break;
      this.#i++;
    }
    const name = parts.pop()!;
    let alias: string | null = null;
    if (aliasAllowed) {
      if (isWord(this.#at(), 'AS')) this.#i++;
      const t = this.#at();
      if (this.#isName(t) && !isWord(t, ...CLAUSE_WORDS)) {
        alias = this.#nameOf(t);
        this.#i++;
      }
    }
    return parts.length ? { name, alias, schema: parts.join('.') } : { name, alias };
  }

  /** Names separated by commas up to the closing op (not consumed). */
  #names(close: string): string[] {
    const names: string[] = [];
    for (;;) {
      const t = this.#at();
      if (!this.#isName(t)) this.#fail(t, 'expected a column name');
      const name = this.#nameOf(t);
      if (names.some((n) => n.toLowerCase() === name.toLowerCase())) {
        this.#fail(t, `column ${name} is listed twice`, 'list each column once');
      }
      names.push(name);
      this.#i++;
      if (isOp(this.#at(), ',')) {
        this.#i++;
        continue;
      }
      if (isOp(this.#at(), close)) return names;
      this.#fail(this.#at(), `expected , or ${close} in the column list`);
    }
  }

  /** `(v, …), (v, …)` up to `end`, each row as wide as the column list. */
  #rows(end: number, width: number): SqlFragment[][] {
    const rows: SqlFragment[][] = [];
    for (;;) {
      const open = this.#at();
      if (!isOp(open, '(')) this.#fail(open, 'expected ( to start a row of VALUES');
      const close = this.#closing(this.#i);
      const row = this.#split(this.#i + 1, close).map(([a, b]) => this.#fragment(a, b));
      if (row.length !== width) {
        this.#fail(
          open,
          `this row has ${row.length} value${row.length === 1 ? '' : 's'} but the column list names ${width}`,
          'give one value per column',
        );
      }
      rows.push(row);
      this.#i = close + 1;
      if (this.#i >= end) return rows;
      if (!isOp(this.#at(), ',')) this.#fail(this.#at(), 'expected , between rows of VALUES');
      this.#i++;
    }
  }

  #returning(from: number): string[] {
    this.#i = from;
    if (isOp(this.#at(), '*') && this.#i + 1 === this.#toks.length) return ['*'];
    if (this.#i >= this.#toks.length) this.#fail(undefined, 'expected column names or * after RETURNING');
    const names: string[] = [];
    for (;;) {
      const t = this.#at();
      if (isOp(t, '*')) names.push('*');
      else if (this.#isName(t)) names.push(this.#nameOf(t));
      else this.#fail(t, 'RETURNING takes column names or *', 'write RETURNING Id, Name');
      this.#i++;
      if (this.#i >= this.#toks.length) return names;
      if (!isOp(this.#at(), ',')) this.#fail(this.#at(), 'expected , between RETURNING columns');
      this.#i++;
    }
  }

  /** [from, to) ranges between top-level commas. */
  #split(from: number, to: number): [number, number][] {
    const ranges: [number, number][] = [];
    let depth = 0;
    let start = from;
    for (let k = from; k < to; k++) {
      const t = this.#toks[k];
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (depth === 0 && isOp(t, ',')) {
        if (k === start) this.#fail(t, 'expected a value before ,');
        ranges.push([start, k]);
        start = k + 1;
      }
    }
    if (start >= to) this.#fail(this.#toks[to], 'expected a value');
    ranges.push([start, to]);
    return ranges;
  }

  #closing(open: number): number {
    let depth = 0;
    for (let k = open; k < this.#toks.length; k++) {
      if (isOp(this.#toks[k], '(')) depth++;
      else if (isOp(this.#toks[k], ')') && --depth === 0) return k;
    }
    return this.#fail(this.#toks[open], 'this ( is never closed');
  }

  #topLevel(word: string, from: number, to: number): number | undefined {
    let depth = 0;
    for (let k = from; k < to; k++) {
      const t = this.#toks[k];
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (depth === 0 && isWord(t, word)) return k;
    }
    return undefined;
  }

  #fragment(from: number, to: number): SqlFragment {
    const toks = this.#toks.slice(from, to);
    const params = toks.filter((t) => t.kind === 'qmark').map((t) => this.#qmarks.get(t)!);
    const named = [...new Set(toks.filter((t) => t.kind === 'named').map((t) => String(t.value)))];
    const operand = simpleOperand(toks, this.#qmarks);
    const text = this.#sql.slice(toks[0].start, toks[toks.length - 1].end);
    return operand ? { text, params, named, operand } : { text, params, named };
  }

  #expectWord(word: string, hint: string): void {
    if (!isWord(this.#at(), word)) this.#fail(this.#at(), `expected ${word}`, hint);
    this.#i++;
  }

  #isName(t: Token | undefined): t is Token {
    return !!t && (t.kind === 'ident' || t.kind === 'quoted');
  }

  #nameOf(t: Token): string {
    return t.kind === 'ident' ? t.text : String(t.value);
  }

  #at(): Token | undefined {
    return this.#toks[this.#i];
  }

  #fail(t: Token | undefined, message: string, hint?: string): never {
    const at = t ? t.start : this.#sql.length;
    throw sqlSyntaxError(this.#sql, at, `${message}, found ${describeToken(t)}`, hint);
  }
}

/** One literal or placeholder (`-5` included), evaluated without SQLite. */
function simpleOperand(toks: Token[], qmarks: Map<Token, number>): Operand | undefined {
  const [a, b] = toks;
  if (toks.length === 2 && isOp(a, '-', '+') && b.kind === 'number') {
    return { kind: 'literal', value: a.text === '-' ? -(b.value as number) : (b.value as number) };
  }
  if (toks.length !== 1) return undefined;
  if (a.kind === 'string' || a.kind === 'number') return { kind: 'literal', value: a.value };
  if (a.kind === 'qmark') return { kind: 'param', index: qmarks.get(a)! };
  if (a.kind === 'named') return { kind: 'named', name: String(a.value) };
  if (isWord(a, 'NULL')) return { kind: 'literal', value: null };
  if (isWord(a, 'TRUE', 'FALSE')) return { kind: 'literal', value: isWord(a, 'TRUE') };
  return undefined;
}
