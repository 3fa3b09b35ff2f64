/**
 * Reads a COPY statement: which rows it copies (a table, its columns, or a query in parentheses),
 * where to (only STDOUT: the endpoint reads and has no file system to offer), and the format
 * options in both spellings PostgreSQL accepts — `WITH (FORMAT csv, HEADER)` and the older
 * `CSV HEADER DELIMITER AS ';'` that psql's \copy passes through as typed.
 */
import { SqlError } from '../errors';
import { closingBracket, codeTokens, identName, isKeyword, isOp, type PgToken } from './pgLexer';

export type CopyFormat = 'text' | 'csv' | 'binary';

export interface CopyRequest {
  /** The SELECT whose rows are copied. */
  query: string;
  format: CopyFormat;
  header: boolean;
  delimiter: string;
  null: string;
  quote: string;
  escape: string;
  /** Columns always quoted in CSV ('*': all). */
  forceQuote: string[] | '*';
}

interface RawOptions {
  format?: string;
  header?: boolean;
  delimiter?: string;
  null?: string;
  quote?: string;
  escape?: string;
  forceQuote?: string[] | '*';
}

export function parseCopy(sql: string): CopyRequest {
  const t = codeTokens(sql);
  let i = 1;
  let query: string;
  if (isOp(t[i], '(')) {
    const close = matchingParen(t, i);
    query = sql.slice(t[i].end, t[close].start).trim();
    i = close + 1;
  } else {
    const from = t[i];
    while (t[i] && (t[i].kind === 'word' || t[i].kind === 'quoted') && isOp(t[i + 1], '.')) i += 2;
    if (!t[i] || (t[i].kind !== 'word' && t[i].kind !== 'quoted')) syntax(t[i], sql);
    const table = sql.slice(from.start, t[i].end);
    i++;
    let columns = '*';
    if (isOp(t[i], '(')) {
      const close = matchingParen(t, i);
      columns = sql.slice(t[i].end, t[close].start).trim();
      i = close + 1;
    }
    query = `SELECT ${columns} FROM ${table}`;
  }
  if (isKeyword(t[i], 'FROM')) {
    throw new SqlError('ERR_READ_ONLY', 'cannot execute COPY FROM in a read-only transaction: bcsql serve only reads; use COPY … TO STDOUT', { sqlState: '25006' }); // prettier-ignore
  }
  if (!isKeyword(t[i], 'TO')) syntax(t[i], sql);
  i++;
  if (!isKeyword(t[i], 'STDOUT')) {
    throw new SqlError('ERR_NOT_SUPPORTED', 'COPY to a file or program is not allowed on bcsql serve: use COPY … TO STDOUT, or psql\'s \\copy to write a file on the client', { sqlState: '42501' }); // prettier-ignore
  }
  return finish(query, readOptions(t, i + 1, sql));
}

function readOptions(t: PgToken[], i: number, sql: string): RawOptions {
  if (isKeyword(t[i], 'WITH')) i++;
  if (isOp(t[i], '(')) {
    const close = matchingParen(t, i);
    const opts = listOptions(t.slice(i + 1, close), sql);
    if (t[close + 1] && !isOp(t[close + 1], ';')) syntax(t[close + 1], sql);
    return opts;
  }
  return legacyOptions(t, i, sql);
}

/** `(FORMAT csv, HEADER, DELIMITER ';', FORCE_QUOTE (a, b) …)`. */
function listOptions(t: PgToken[], sql: string): RawOptions {
  const opts: RawOptions = {};
  const seen = new Set<string>();
  for (let i = 0; i < t.length; i++) {
    const name = t[i].kind === 'word' ? t[i].text.toLowerCase() : syntax(t[i], sql);
    if (seen.has(name)) conflicting(name);
    seen.add(name);
    let end = i + 1;
    while (end < t.length && !(isOp(t[end], ',') && depth(t, i + 1, end) === 0)) end++;
    const arg = t.slice(i + 1, end);
    setOption(opts, name, arg, sql);
    i = end;
  }
  return opts;
}

function setOption(opts: RawOptions, name: string, arg: PgToken[], sql: string): void {
  const one = (): string => {
    if (arg.length !== 1 || !['string', 'word', 'number'].includes(arg[0].kind)) syntax(arg[0], sql);
    return arg[0].value;
  };
  switch (name) {
    case 'format':
      opts.format = one().toLowerCase();
      return;
    case 'header':
      opts.header = arg.length === 0 || truth(one(), name);
      return;
    case 'delimiter':
    case 'null':
    case 'quote':
    case 'escape':
      opts[name] = one();
      return;
    case 'force_quote':
      opts.forceQuote = isOp(arg[0], '*') ? '*' : arg.filter((x) => x.kind === 'word' || x.kind === 'quoted').map(identName); // prettier-ignore
      return;
    case 'encoding':
      if (!/^utf-?8$/i.test(one())) throw new SqlError('ERR_NOT_SUPPORTED', `COPY encoding "${one()}" is not supported by bcsql serve; it sends UTF8`, { sqlState: '0A000' }); // prettier-ignore
      return;
    case 'force_not_null':
    case 'force_null':
    case 'freeze':
    case 'default':
    case 'on_error':
      throw new SqlError('ERR_NOT_SUPPORTED', `COPY ${name.toUpperCase()} is only available with COPY FROM, which this read-only endpoint refuses`, { sqlState: '0A000' }); // prettier-ignore
    default:
      throw new SqlError('ERR_SQL_SYNTAX', `option "${name}" not recognized`, { sqlState: '42601' });
  }
}

/** `[BINARY] [DELIMITER [AS] 'x'] [NULL [AS] 'x'] [CSV [HEADER] [QUOTE [AS] 'x'] [ESCAPE [AS] 'x'] [FORCE QUOTE cols|*]]`. */
function legacyOptions(t: PgToken[], i: number, sql: string): RawOptions {
  const opts: RawOptions = {};
  const value = (): string => {
    if (isKeyword(t[i], 'AS')) i++;
    if (!t[i] || t[i].kind !== 'string') syntax(t[i], sql);
    return t[i++].value;
  };
  while (t[i] && !isOp(t[i], ';')) {
    const word = t[i].kind === 'word' ? t[i].text.toUpperCase() : syntax(t[i], sql);
    i++;
    if (word === 'BINARY') opts.format = 'binary';
    else if (word === 'CSV') opts.format = 'csv';
    else if (word === 'HEADER') opts.header = true;
    else if (word === 'DELIMITER') opts.delimiter = value();
    else if (word === 'NULL') opts.null = value();
    else if (word === 'QUOTE') opts.quote = value();
    else if (word === 'ESCAPE') opts.escape = value();
    else if (word === 'ENCODING') setOption(opts, 'encoding', [t[i++]], sql);
    else if (word === 'FORCE' && isKeyword(t[i], 'QUOTE')) {
      i++;
      if (isOp(t[i], '*')) {
        opts.forceQuote = '*';
        i++;
      } else {
        const cols: string[] = [];
        while (t[i] && (t[i].kind === 'word' || t[i].kind === 'quoted')) {
          cols.push(identName(t[i++]));
          if (!isOp(t[i], ',')) break;
          i++;
        }
        opts.forceQuote = cols;
      }
    } else syntax(t[i - 1], sql);
  }
  return opts;
}

/** Defaults and PostgreSQL's checks of the options taken together. */
function finish(query: string, o: RawOptions): CopyRequest {
  const format = (o.format ?? 'text') as CopyFormat;
  if (!['text', 'csv', 'binary'].includes(format)) {
    throw new SqlError('ERR_SQL', `COPY format "${format}" not recognized`, { sqlState: '22023' });
  }
  const csv = format === 'csv';
  const invalid = (m: string, state = '22023'): never => {
    throw new SqlError('ERR_SQL', m, { sqlState: state });
  };
  if (format === 'binary' && (o.delimiter !== undefined || o.null !== undefined || o.header))
    invalid('cannot specify DELIMITER, NULL or HEADER in BINARY mode', '42601');
  if (!csv && (o.quote !== undefined || o.escape !== undefined || o.forceQuote !== undefined))
    invalid('COPY QUOTE, ESCAPE and FORCE_QUOTE are available only in CSV mode', '0A000');
  const delimiter = o.delimiter ?? (csv ? ',' : '\t');
  const quote = o.quote ?? '"';
  const escape = o.escape ?? quote;
  const nul = o.null ?? (csv ? '' : '\\N');
  for (const [what, v] of [
    ['delimiter', delimiter],
    ['quote', quote],
    ['escape', escape],
  ]) {
    if (Buffer.byteLength(v) !== 1) invalid(`COPY ${what} must be a single one-byte character`, '0A000');
  }
  if (/[\r\n]/.test(delimiter)) invalid('COPY delimiter cannot be newline or carriage return');
  if (/[\r\n]/.test(nul)) invalid('COPY null representation cannot use newline or carriage return');
  if (!csv && /[\\.a-z0-9]/.test(delimiter)) invalid(`COPY delimiter cannot be "${delimiter}"`);
  if (csv && delimiter === quote) invalid('COPY delimiter and quote must be different');
  if (nul.includes(delimiter)) invalid('COPY delimiter character must not appear in the NULL specification');
  return { query, format, header: o.header ?? false, delimiter, null: nul, quote, escape, forceQuote: o.forceQuote ?? [] }; // prettier-ignore
}

function truth(v: string, name: string): boolean {
  const s = v.toLowerCase();
  if (['true', 'on', '1'].includes(s)) return true;
  if (['false', 'off', '0'].includes(s)) return false;
  throw new SqlError('ERR_SQL', `${name} requires a Boolean value`, { sqlState: '22023' });
}

function conflicting(name: string): never {
  throw new SqlError('ERR_SQL', `conflicting or redundant options: ${name}`, { sqlState: '42601' });
}

function depth(t: PgToken[], from: number, to: number): number {
  let d = 0;
  for (let k = from; k < to; k++) d += isOp(t[k], '(') ? 1 : isOp(t[k], ')') ? -1 : 0;
  return d;
}

function matchingParen(t: PgToken[], open: number): number {
  const close = closingBracket(t, open);
  if (close < 0) throw new SqlError('ERR_SQL_SYNTAX', 'syntax error at end of input: a parenthesis is not closed', { sqlState: '42601' }); // prettier-ignore
  return close;
}

function syntax(at: PgToken | undefined, sql: string): never {
  const where = at ? `at or near "${at.text}"` : 'at end of input';
  throw new SqlError('ERR_SQL_SYNTAX', `syntax error ${where} in COPY: expected COPY { table [(columns)] | (query) } TO STDOUT [WITH (options)]`, { sqlState: '42601', position: at ? at.start + 1 : sql.length + 1 }); // prettier-ignore
}
