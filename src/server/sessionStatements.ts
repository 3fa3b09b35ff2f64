/**
 * Reads the SQL statements that act on a session's own objects — PREPARE / EXECUTE of SQL-level
 * prepared statements and DECLARE / FETCH / MOVE / CLOSE of cursors — into routes the session
 * runs itself. The statements they wrap (the PREPARE body, the cursor's query) run as any other.
 */
import { SqlError } from '../errors';
import {
  closingBracket,
  codeTokens,
  identName,
  isKeyword,
  isOp,
  splitAtCommas,
  type PgToken,
} from './pgLexer';

export type SessionRoute =
  | { kind: 'prepare'; name: string; types: string[]; body: string }
  | { kind: 'executePrepared'; name: string; args: string[] }
  | { kind: 'declare'; name: string; hold: boolean; binary: boolean; query: string }
  /** FETCH or MOVE forward `count` rows (null: ALL). */
  | { kind: 'fetch'; name: string; count: number | null; move: boolean }
  | { kind: 'closeCursor'; name: string | null };

/** PREPARE name [(type, …)] AS statement */
export function parsePrepare(sql: string): SessionRoute {
  const t = codeTokens(sql);
  const name = nameAt(t, 1, sql);
  let i = 2;
  let types: string[] = [];
  if (isOp(t[i], '(')) {
    const close = closing(t, i);
    types = splitTop(t.slice(i + 1, close)).map((part) =>
      sql.slice(part[0].start, part[part.length - 1].end),
    );
    i = close + 1;
  }
  if (!isKeyword(t[i], 'AS') || !t[i + 1]) syntax(t[i], sql, 'PREPARE name [(type, …)] AS statement');
  return { kind: 'prepare', name, types, body: sql.slice(t[i + 1].start).trim() };
}

/** EXECUTE name [(argument, …)] */
export function parseExecute(sql: string): SessionRoute {
  const t = codeTokens(sql);
  const name = nameAt(t, 1, sql);
  let args: string[] = [];
  let i = 2;
  if (isOp(t[i], '(')) {
    const close = closing(t, i);
    args = splitTop(t.slice(i + 1, close)).map((part) => sql.slice(part[0].start, part[part.length - 1].end));
    i = close + 1;
  }
  if (t[i] && !isOp(t[i], ';')) syntax(t[i], sql, 'EXECUTE name [(argument, …)]');
  return { kind: 'executePrepared', name, args };
}

/** DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query */
export function parseDeclare(sql: string): SessionRoute {
  const t = codeTokens(sql);
  const name = nameAt(t, 1, sql);
  let i = 2;
  let binary = false;
  let hold = false;
  for (; t[i] && !isKeyword(t[i], 'CURSOR'); i++) {
    if (isKeyword(t[i], 'BINARY')) binary = true;
    else if (isKeyword(t[i], 'SCROLL') && !isKeyword(t[i - 1], 'NO')) {
      throw new SqlError('ERR_NOT_SUPPORTED', 'SCROLL cursors are not supported by bcsql serve: its cursors read forward only (declare it NO SCROLL, the default)', { sqlState: '0A000' }); // prettier-ignore
    } else if (!isKeyword(t[i], 'ASENSITIVE', 'INSENSITIVE', 'NO', 'SCROLL')) {
      syntax(t[i], sql, 'DECLARE name CURSOR [WITH HOLD] FOR query');
    }
  }
  i++;
  if (isKeyword(t[i], 'WITH', 'WITHOUT') && isKeyword(t[i + 1], 'HOLD')) {
    hold = isKeyword(t[i], 'WITH');
    i += 2;
  }
  if (!isKeyword(t[i], 'FOR') || !t[i + 1]) syntax(t[i], sql, 'DECLARE name CURSOR [WITH HOLD] FOR query');
  return { kind: 'declare', name, hold, binary, query: sql.slice(t[i + 1].start).trim() };
}

/**
 * FETCH / MOVE [direction] [FROM | IN] name. Directions that read forward: NEXT, n, ALL,
 * FORWARD [n | ALL], RELATIVE 0…; the others need a SCROLL cursor, which is refused as PostgreSQL
 * refuses them on a NO SCROLL one.
 */
export function parseFetch(sql: string): SessionRoute {
  const t = codeTokens(sql);
  const move = isKeyword(t[0], 'MOVE');
  let i = 1;
  let count: number | null = 1;
  const word = t[i]?.kind === 'word' ? t[i].text.toUpperCase() : '';
  const number = (at: PgToken | undefined): number | null => {
    const sign = isOp(at, '-') ? -1 : 1;
    const n = isOp(at, '-', '+') ? t[i + 2] : at;
    return n?.kind === 'number' && /^\d+$/.test(n.text) ? sign * Number(n.text) : null;
  };
  if (word === 'NEXT') i++;
  else if (word === 'ALL') {
    count = null;
    i++;
  } else if (word === 'FORWARD' || word === 'RELATIVE') {
    i++;
    if (isKeyword(t[i], 'ALL') && word === 'FORWARD') {
      count = null;
      i++;
    } else if (number(t[i]) !== null) {
      count = number(t[i])!;
      i += isOp(t[i], '-', '+') ? 2 : 1;
    }
  } else if (['PRIOR', 'FIRST', 'LAST', 'ABSOLUTE', 'BACKWARD'].includes(word)) {
    backward();
  } else if (number(t[i]) !== null) {
    count = number(t[i])!;
    i += isOp(t[i], '-', '+') ? 2 : 1;
  }
  if (count !== null && count < 0) backward();
  if (isKeyword(t[i], 'FROM', 'IN')) i++;
  const name = nameAt(t, i, sql);
  if (t[i + 1] && !isOp(t[i + 1], ';')) syntax(t[i + 1], sql, `${move ? 'MOVE' : 'FETCH'} [count | ALL] [FROM] name`); // prettier-ignore
  return { kind: 'fetch', name, count, move };
}

/** CLOSE name | ALL */
export function parseCloseCursor(sql: string): SessionRoute {
  const t = codeTokens(sql);
  if (isKeyword(t[1], 'ALL')) return { kind: 'closeCursor', name: null };
  return { kind: 'closeCursor', name: nameAt(t, 1, sql) };
}

function backward(): never {
  throw new SqlError('ERR_SQL', 'cursor can only scan forward: bcsql serve cursors read forward only (FETCH NEXT, FETCH n, FETCH ALL, FETCH FORWARD n)', { sqlState: '55000' }); // prettier-ignore
}

function nameAt(t: PgToken[], i: number, sql: string): string {
  const x = t[i];
  if (!x || (x.kind !== 'word' && x.kind !== 'quoted')) syntax(x, sql, 'a name');
  return identName(x);
}

function closing(t: PgToken[], open: number): number {
  const close = closingBracket(t, open);
  if (close < 0) throw new SqlError('ERR_SQL_SYNTAX', 'syntax error at end of input: a parenthesis is not closed', { sqlState: '42601' }); // prettier-ignore
  return close;
}

/** Splits tokens at top-level commas; empty parts are a syntax error. */
function splitTop(t: PgToken[]): PgToken[][] {
  const parts = splitAtCommas(t);
  if (parts.some((p) => p.length === 0)) {
    throw new SqlError('ERR_SQL_SYNTAX', 'syntax error at or near ",": an argument is missing', { sqlState: '42601' }); // prettier-ignore
  }
  return parts;
}

function syntax(at: PgToken | undefined, sql: string, expected: string): never {
  const where = at ? `at or near "${at.text}"` : 'at end of input';
  throw new SqlError('ERR_SQL_SYNTAX', `syntax error ${where}: expected ${expected}`, { sqlState: '42601', position: at ? at.start + 1 : sql.length + 1 }); // prettier-ignore
}
