/**
 * Rewrites the PostgreSQL-isms BI tools put into queries on BigCommerce tables into what the
 * provider (node-sql-parser's reading, SQLite's execution) accepts:
 * - `$1` placeholders → `?`, remembering which bound value each `?` takes;
 * - casts, `x::type` and `CAST(x AS type)`, → SQLite casts (INTEGER, REAL, TEXT), `date(x)` for
 *   dates, and no-ops for timestamps (the provider keeps datetimes as ISO 8601 UTC text; a literal
 *   is rewritten into that form so comparisons order correctly);
 * - `date_trunc('month', x)` (Metabase's time grouping) → `strftime(…)` producing ISO text;
 * - `ILIKE` → `LIKE` (SQLite's LIKE already ignores ASCII case); `E'…'` and `$$…$$` strings →
 *   plain quoted strings.
 * Everything else is passed through for the provider to accept or reject with its own message.
 */
import { SqlError } from '../errors';
import { codeTokens, isKeyword, isOp, type PgToken } from './pgLexer';
import { parseTimestamp } from './protocol/valueCodec';

export interface Translation {
  text: string;
  /** For each `?` in `text`, the 0-based index of the bound parameter it takes. */
  paramOrder: number[];
  /** Parameters the statement declares: the highest `$n`. */
  paramCount: number;
}

interface Chunk {
  /** Output text, including the whitespace that preceded it in the input. */
  text: string;
  /** A word that may name a function (merged with a following parenthesised group). */
  callable?: boolean;
}

const INTEGER_TYPES = new Set(['smallint', 'int2', 'integer', 'int', 'int4', 'bigint', 'int8', 'oid']);
const REAL_TYPES = new Set(['real', 'float4', 'float8', 'float', 'double precision', 'numeric', 'decimal']);
const TEXT_TYPES = new Set(['text', 'varchar', 'character varying', 'char', 'character', 'bpchar', 'name', 'citext']); // prettier-ignore
const TIMESTAMP_TYPES = new Set(['timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone']); // prettier-ignore
const KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'ON', 'AS', 'IS', 'BY', 'JOIN', 'EXISTS', 'ANY', 'ALL',
  'SOME', 'BETWEEN', 'LIKE', 'HAVING', 'WHEN', 'THEN', 'ELSE', 'CASE', 'USING', 'VALUES', 'OVER', 'LIMIT',
  'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'WITH', 'DISTINCT', 'RETURNING', 'ILIKE', 'LATERAL',
]); // prettier-ignore
const TRUNC_FORMATS: Record<string, string> = {
  year: '%Y-01-01T00:00:00Z',
  month: '%Y-%m-01T00:00:00Z',
  week: '%Y-%m-%dT00:00:00Z',
  day: '%Y-%m-%dT00:00:00Z',
  hour: '%Y-%m-%dT%H:00:00Z',
  minute: '%Y-%m-%dT%H:%M:00Z',
  second: '%Y-%m-%dT%H:%M:%SZ',
};

export function translateSql(sql: string): Translation {
  const tokens = codeTokens(sql);
  const paramOrder: number[] = [];
  const text = new Rewriter(sql, tokens, paramOrder)
    .range(0, tokens.length)
    .map((c) => c.text)
    .join('');
  const tail = tokens.length ? sql.slice(tokens[tokens.length - 1].end) : sql;
  return {
    text: text + (tail.trim() === '' ? '' : tail),
    paramOrder,
    paramCount: paramOrder.reduce((max, n) => Math.max(max, n + 1), 0),
  };
}

class Rewriter {
  constructor(
    private readonly sql: string,
    private readonly t: PgToken[],
    private readonly paramOrder: number[],
  ) {}

  /** Leading whitespace (and comments) before token i. */
  #lead(i: number): string {
    return this.sql.slice(i === 0 ? 0 : this.t[i - 1].end, this.t[i].start);
  }

  range(from: number, to: number): Chunk[] {
    const out: Chunk[] = [];
    for (let i = from; i < to; i++) {
      const tok = this.t[i];
      const lead = this.#lead(i);
      if (isOp(tok, '(')) {
        const close = this.#matching(i, to);
        const prev = out[out.length - 1];
        const fn = prev?.callable ? prev.text.trim().toLowerCase() : '';
        const inner = this.#call(fn, i + 1, close);
        if (inner !== null) {
          const p = out.pop()!;
          out.push({ text: p.text.slice(0, p.text.length - p.text.trimStart().length) + inner });
        } else {
          const group = this.range(i + 1, close)
            .map((c) => c.text)
            .join('');
          const end = close < to ? `${this.#lead(close)})` : '';
          if (prev?.callable) out.push({ text: out.pop()!.text + lead + '(' + group + end });
          else out.push({ text: `${lead}(${group}${end}` });
        }
        i = close;
      } else if (isOp(tok, '::') && out.length > 0) {
        const type = readType(this.t, i + 1, to);
        const operand = out.pop()!;
        const ws = operand.text.slice(0, operand.text.length - operand.text.trimStart().length);
        out.push({ text: ws + castTo(operand.text.trimStart(), type.name, this.t[i - 1]) });
        i = type.next - 1;
      } else if (isOp(tok, '.') && out.length > 0 && i + 1 < to) {
        const next = this.t[i + 1];
        const callable = next.kind === 'word' || next.kind === 'quoted';
        out.push({ text: out.pop()!.text + lead + '.' + this.#lead(i + 1) + next.text, callable });
        i++;
      } else if (tok.kind === 'param') {
        this.paramOrder.push(Number(tok.value) - 1);
        out.push({ text: `${lead}?` });
      } else if (isKeyword(tok, 'ILIKE')) {
        out.push({ text: `${lead}LIKE` });
      } else if (tok.kind === 'string' && !/^'|^[NnXxBb]'/.test(tok.text)) {
        out.push({ text: lead + quote(tok.value) });
      } else {
        const callable =
          (tok.kind === 'word' && !KEYWORDS.has(tok.text.toUpperCase())) || tok.kind === 'quoted';
        out.push({ text: lead + tok.text, callable });
      }
    }
    return out;
  }

  /** Index of the `)` closing the `(` at `open` (or `to` when unbalanced). */
  #matching(open: number, to: number): number {
    let depth = 0;
    for (let i = open; i < to; i++) {
      if (isOp(this.t[i], '(')) depth++;
      else if (isOp(this.t[i], ')') && --depth === 0) return i;
    }
    return to;
  }

  /** CAST(x AS type) and date_trunc('unit', x) rewritten whole; null for any other call. */
  #call(fn: string, from: number, to: number): string | null {
    if (fn === 'cast') {
      const as = this.#topLevel(from, to, (tok) => isKeyword(tok, 'AS'));
      if (as.length !== 1) return null;
      const expr = this.#text(from, as[0]);
      const type = readType(this.t, as[0] + 1, to);
      return castTo(expr, type.name, this.t[as[0] - 1]);
    }
    if (fn === 'date_trunc') {
      const commas = this.#topLevel(from, to, (tok) => isOp(tok, ','));
      const unit = this.t[from];
      if (commas.length !== 1 || unit?.kind !== 'string' || commas[0] !== from + 1) return null;
      const format = TRUNC_FORMATS[unit.value.toLowerCase()];
      if (!format) {
        throw notSupported(
          `date_trunc('${unit.value}', …)`,
          'use year, month, week, day, hour, minute or second',
        );
      }
      const expr = this.#text(commas[0] + 1, to);
      const week = unit.value.toLowerCase() === 'week' ? ", 'weekday 0', '-6 days'" : '';
      return `strftime('${format}', ${expr}${week})`;
    }
    return null;
  }

  #text(from: number, to: number): string {
    return this.range(from, to)
      .map((c) => c.text)
      .join('')
      .trim();
  }

  /** Token indexes in [from, to) outside parentheses that satisfy `test`. */
  #topLevel(from: number, to: number, test: (t: PgToken) => boolean): number[] {
    const found: number[] = [];
    let depth = 0;
    for (let i = from; i < to; i++) {
      if (isOp(this.t[i], '(')) depth++;
      else if (isOp(this.t[i], ')')) depth--;
      else if (depth === 0 && test(this.t[i])) found.push(i);
    }
    return found;
  }
}

/** A type name after `::` or `AS`: multi-word names, `(n, m)` modifiers and `[]` suffixes. */
function readType(t: PgToken[], from: number, to: number): { name: string; next: number } {
  const words: string[] = [];
  let i = from;
  while (i < to && (t[i].kind === 'word' || t[i].kind === 'quoted')) {
    const w = t[i].value.toLowerCase();
    const joined = [...words, w].join(' ');
    const continues =
      words.length === 0 ||
      ['double precision', 'character varying'].includes(joined) ||
      /^(timestamp|time) with(out)?( time( zone)?)?$/.test(joined);
    if (!continues) break;
    words.push(w);
    i++;
  }
  if (isOp(t[i], '(')) {
    while (i < to && !isOp(t[i], ')')) i++;
    i++;
  }
  let array = false;
  while (isOp(t[i], '[') && isOp(t[i + 1], ']')) {
    array = true;
    i += 2;
  }
  const name = words.join(' ');
  if (name === '') throw notSupported('a cast without a type name', 'write x::integer or CAST(x AS integer)');
  return { name: array ? `${name}[]` : name, next: i };
}

function castTo(expr: string, type: string, last: PgToken | undefined): string {
  if (INTEGER_TYPES.has(type)) return `CAST(${expr} AS INTEGER)`;
  if (REAL_TYPES.has(type)) return `CAST(${expr} AS REAL)`;
  if (TEXT_TYPES.has(type)) return `CAST(${expr} AS TEXT)`;
  if (type === 'date') return `date(${expr})`;
  const literal = last?.kind === 'string' && /^'|^[Ee]'|^\$/.test(last.text) && expr === quote(last.value);
  if (TIMESTAMP_TYPES.has(type)) {
    const ts = literal ? parseTimestamp(last!.value) : undefined;
    return ts ? quote(ts.iso.replace(/\.000Z$/, 'Z')) : expr;
  }
  if (type === 'boolean' || type === 'bool') {
    if (!literal) return expr;
    return /^\s*(t|true|y|yes|on|1)\s*$/i.test(last!.value) ? 'TRUE' : 'FALSE';
  }
  if (type === 'json' || type === 'jsonb' || type === 'unknown') return expr;
  throw notSupported(`a cast to ${type}`, 'cast to integer, numeric, text, date, timestamp or boolean');
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function notSupported(what: string, hint: string): SqlError {
  return new SqlError(
    'ERR_NOT_SUPPORTED',
    `${what} is not supported in queries on BigCommerce tables; ${hint}`,
    {
      sqlState: '0A000',
    },
  );
}
