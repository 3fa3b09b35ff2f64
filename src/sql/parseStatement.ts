/**
 * parseStatement(sql) → Statement: the one place that reads SQL text.
 *
 * Procedure calls are recognised from tokens (parseExec.ts). A SELECT is parsed once with
 * node-sql-parser's transactsql dialect, over a rewritten text that dialect can read
 * (parserText.ts); the AST gives the tables and pushdown facts (analyzeSelect.ts), while SQLite
 * runs the user's own text with only what SQLite lacks rewritten (selectScan.ts: TOP, OFFSET …
 * FETCH, N'…', schema qualifiers). This is the only module that imports node-sql-parser.
 */
import { Parser } from 'node-sql-parser/build/transactsql';
import { SqlError, didYouMean } from '../errors';
import type { ExplainStatement, SelectStatement, Statement, TableRef, WriteStatement } from './types';
import { isOp, isWord, tokenize, type Token } from './lexer';
import { parseExec, numberedPlaceholder } from './parseExec';
import { parseReplicate } from './parseReplicate';
import { parseWrite } from './parseWrite';
import { scanSelect } from './selectScan';
import { buildParserText, type ParserText } from './parserText';
import { analyzeSelect, type SelectAnalysis } from './analyzeSelect';
import { columnNames } from './columnNames';
import { applyEdits, type Edit } from './edits';
import { checkComplexity } from './complexity';
import { describeToken, locate, notSupportedError, sqlSyntaxError, tooComplexError } from './sqlErrors';

const parser = new Parser();
const PARSE_OPTIONS = { database: 'transactsql' };
const CACHE_SIZE = 500;
const cache = new Map<string, Statement>();

/** Statement words that change data or schema; the provider and the MCP server refuse them alike. */
export const WRITES = [
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'REPLACE',
  'CREATE',
  'DROP',
  'ALTER',
  'TRUNCATE',
];
/** The writes the provider runs (parseWrite.ts); the rest of WRITES it refuses. */
const DATA_WRITES = ['INSERT', 'UPDATE', 'DELETE', 'UPSERT'];
const OTHERS = [
  'GRANT', 'REVOKE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'PRAGMA', 'ATTACH', 'DETACH',
  'VACUUM', 'ANALYZE', 'REINDEX', 'SET', 'USE', 'SHOW', 'DESCRIBE', 'DECLARE', 'CALL', 'VALUES',
]; // prettier-ignore

/**
 * Parses one SELECT, EXEC or write (INSERT/UPDATE/DELETE/UPSERT) statement. Results are cached by text (LRU, 500 entries) and frozen:
 * treat them as immutable. Throws SqlError: ERR_SQL_SYNTAX (with `position`, `line`, `column`)
 * for text that is not understood, ERR_NOT_SUPPORTED for statements the provider does not run.
 */
export function parseStatement(sql: string): Statement {
  if (typeof sql !== 'string') {
    throw new SqlError('ERR_SQL_SYNTAX', `SQL must be a string, not ${sql === null ? 'null' : typeof sql}`);
  }
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const stmt = deepFreeze(parseGuarded(sql));
  cache.set(sql, stmt);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return stmt;
}

/** For tests: how many parsed statements the cache holds. */
export function parseCacheSize(): number {
  return cache.size;
}

/** A shape the complexity check did not foresee still ends as a coded error, never a bare RangeError. */
function parseGuarded(sql: string): Statement {
  try {
    return parseUncached(sql);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw tooComplexError(sql, 0, 'the statement is nested too deeply to parse', 'simplify or split it');
  }
}

function parseUncached(sql: string): Statement {
  const tokens = tokenize(sql);
  const toks = tokens.filter((t) => t.kind !== 'comment');
  if (toks.length === 0 || isOp(toks[0], ';')) {
    throw sqlSyntaxError(sql, toks[0]?.start ?? 0, 'empty statement', 'send a SELECT or EXEC statement');
  }
  requireOneStatement(sql, toks);
  checkComplexity(sql, toks);
  const numbered = toks.find((t) => t.kind === 'qmark' && t.text !== '?');
  if (numbered) throw numberedPlaceholder(sql, numbered);

  const first = toks[0];
  if (isWord(first, 'EXPLAIN')) return parseExplain(sql, first);
  if (isWord(first, 'EXEC', 'EXECUTE')) return parseExec(sql, toks);
  if (isWord(first, 'REPLICATE')) return parseReplicate(sql, toks);
  if (isWord(first, 'SELECT', 'WITH')) return parseSelect(sql, tokens, toks);
  if (isWord(first, ...DATA_WRITES)) return parseWrite(sql, toks);
  if (isOp(first, '(')) {
    throw sqlSyntaxError(
      sql,
      first.start,
      'a statement cannot start with (',
      'remove the parentheses around it',
    );
  }
  throw unsupportedStatement(sql, first);
}

/**
 * `EXPLAIN <select>`: the SELECT is parsed from the text with EXPLAIN blanked out, so positions in
 * its errors still point into what the user typed.
 */
function parseExplain(sql: string, word: Token): ExplainStatement {
  const blanked = sql.slice(0, word.start) + ' '.repeat(word.end - word.start) + sql.slice(word.end);
  const rest = tokenize(blanked).filter((t) => t.kind !== 'comment');
  if (rest.length === 0 || isOp(rest[0], ';')) {
    throw sqlSyntaxError(sql, word.end, 'EXPLAIN needs a statement after it', 'write EXPLAIN SELECT …');
  }
  if (isWord(rest[0], ...DATA_WRITES)) return explainWrite(sql, parseUncached(blanked) as WriteStatement);
  if (!isWord(rest[0], 'SELECT', 'WITH')) {
    throw notSupportedError(
      sql,
      rest[0].start,
      `EXPLAIN ${describeToken(rest[0])} is not supported`,
      'EXPLAIN takes a SELECT',
    );
  }
  const select = parseUncached(blanked) as SelectStatement;
  return {
    kind: 'explain',
    select,
    text: sql,
    positionalParams: select.positionalParams,
    namedParams: select.namedParams,
  };
}

/**
 * The read half of a write as a SELECT with the same placeholders in the same order (SET before
 * WHERE), so its plan shows the requests the write's read costs; VALUES read nothing.
 */
function explainWrite(sql: string, write: WriteStatement): ExplainStatement {
  const from = `${write.table.name}${write.table.alias ? ` AS ${write.table.alias}` : ''}`;
  const sets = (write.set ?? []).map((f) => `, (${f.text})`).join('');
  const text = write.select
    ? write.select.text
    : write.values
      ? `SELECT ${write.values.flatMap((row) => row.map((f) => `(${f.text})`)).join(', ')}`
      : `SELECT *${sets} FROM ${from}${write.where ? ` WHERE ${write.where.text}` : ''}`;
  const select = parseUncached(text) as SelectStatement;
  return {
    kind: 'explain',
    select,
    write,
    text: sql,
    positionalParams: write.positionalParams,
    namedParams: write.namedParams,
  };
}

function requireOneStatement(sql: string, toks: Token[]): void {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    else if (depth === 0 && isOp(t, ';')) {
      const next = toks.slice(i + 1).find((n) => !isOp(n, ';'));
      if (next) {
        throw sqlSyntaxError(
          sql,
          next.start,
          'only one statement can be run at a time, but a second one starts',
          'send them separately (a single trailing ; is fine)',
        );
      }
      return;
    }
  }
}

function unsupportedStatement(sql: string, first: Token): SqlError {
  const word = first.kind === 'ident' ? first.text.toUpperCase() : '';
  if (WRITES.includes(word)) {
    return notSupportedError(
      sql,
      first.start,
      `${word} statements are not supported`,
      'use SELECT to read, INSERT, UPDATE, DELETE or UPSERT to change rows, or EXEC to call a stored procedure',
    );
  }
  if (OTHERS.includes(word)) {
    return notSupportedError(
      sql,
      first.start,
      `${word} statements are not supported`,
      'only SELECT, INSERT, UPDATE, DELETE, UPSERT and EXEC are',
    );
  }
  const suggestion = word ? didYouMean(word, ['SELECT', 'EXEC', 'EXECUTE', 'WITH']) : '';
  return sqlSyntaxError(
    sql,
    first.start,
    `expected SELECT, WITH or EXEC but found ${describeToken(first)}`,
    suggestion ? suggestion.replace(/^; /, '') : undefined,
  );
}

function parseSelect(sql: string, tokens: Token[], toks: Token[]): SelectStatement {
  if (isWord(toks[0], 'WITH')) {
    // `WITH c AS (…) DELETE …`: transactsql cannot parse it, but the user deserves the real reason.
    const write = toks.find(
      (t, k) => isWord(t, ...WRITES) && isOp(toks[k - 1], ')') && depthAt(toks, k) === 0,
    );
    if (write) throw unsupportedStatement(sql, write);
  }
  const scan = scanSelect(sql, toks);
  // Trailing semicolons are fine for SQLite; transactsql takes at most one.
  for (let k = toks.length - 1; k >= 0 && isOp(toks[k], ';'); k--)
    scan.parserOverrides.set(k, { kind: 'drop' });
  const pt = buildParserText(sql, tokens, toks, scan.parserOverrides);
  let ast: unknown;
  try {
    ast = parser.astify(pt.text, PARSE_OPTIONS);
  } catch (err) {
    throw parseError(sql, toks, pt, err);
  }
  const statements = Array.isArray(ast) ? ast : [ast];
  if (statements.length !== 1) {
    // transactsql splits some keyword misuses (`SELECT Order FROM t`) into several statements.
    throw sqlSyntaxError(
      sql,
      toks[0].start,
      'syntax error: this cannot be read as one SELECT statement',
      'put [brackets] around names that are SQL keywords',
    );
  }
  const root = statements[0] as Record<string, unknown>;
  if (root.type !== 'select') {
    const verb = String(root.type).toUpperCase();
    const at = toks.find((t) => isWord(t, verb));
    throw at
      ? unsupportedStatement(sql, at)
      : notSupportedError(sql, 0, `${verb} statements are not supported`);
  }
  const into = root.into as { position?: unknown } | undefined;
  if (into?.position) {
    const at = toks.find((t) => isWord(t, 'INTO')) ?? toks[0];
    throw notSupportedError(
      sql,
      at.start,
      'SELECT … INTO is not supported',
      'write INSERT INTO Table (…) SELECT … instead',
    );
  }

  const mainTop = scan.tops.find((t) => t.depth === 0);
  let qmarkIndex = 0;
  const qmarkOrder = new Map<Token, number>();
  for (const t of toks) if (t.kind === 'qmark') qmarkOrder.set(t, qmarkIndex++);
  const analysis = analyzeSelect(root, {
    constants: pt.constants,
    names: pt.names,
    top: mainTop && scan.tops.length === 1 ? { operand: topOperand(mainTop.operand, qmarkOrder) } : undefined,
  });

  const named: string[] = [];
  for (const t of toks)
    if (t.kind === 'named' && !named.includes(String(t.value))) named.push(String(t.value));
  return {
    kind: 'select',
    text: applyEdits(sql, [...scan.sqliteEdits, ...schemaEdits(toks, analysis.qualified)]),
    tables: inTextOrder(analysis.tables, toks),
    single: analysis.single,
    // The parser reads RIGHT JOIN as LEFT JOIN (see parserText.ts): no pushdown facts for it.
    joinPushdown: toks.some((t, k) => isWord(t, 'RIGHT', 'FULL') && isWord(toks[k + 1], 'JOIN', 'OUTER'))
      ? null
      : analysis.joinPushdown,
    columnRefs: {
      names: columnNames(toks),
      everyColumnOf: analysis.everyColumnOf,
      aliases: analysis.aliases,
    },
    positionalParams: qmarkIndex,
    namedParams: named,
  };
}

/** The AST has no positions; order tables by where their name first appears, as users read them. */
function inTextOrder(tables: TableRef[], toks: Token[]): TableRef[] {
  const firstAt = (name: string): number =>
    toks.findIndex((t) => (t.kind === 'ident' ? t.text : t.kind === 'quoted' ? t.value : '') === name);
  const at = new Map(tables.map((t) => [t, firstAt(t.name)]));
  return [...tables].sort((a, b) => at.get(a)! - at.get(b)!);
}

function depthAt(toks: Token[], k: number): number {
  let depth = 0;
  for (let i = 0; i < k; i++) {
    if (isOp(toks[i], '(')) depth++;
    else if (isOp(toks[i], ')')) depth--;
  }
  return depth;
}

function topOperand(operand: Token[], qmarkOrder: Map<Token, number>) {
  if (operand.length !== 1) return null;
  const t = operand[0];
  if (t.kind === 'number') return { kind: 'literal' as const, value: t.value as number };
  if (t.kind === 'qmark') return { kind: 'param' as const, index: qmarkOrder.get(t)! };
  if (t.kind === 'named') return { kind: 'named' as const, name: String(t.value) };
  return null;
}

/** Drops `BigCommerce.` / `dbo.` qualifiers from table references: SQLite has no such schema. */
function schemaEdits(toks: Token[], qualified: SelectAnalysis['qualified']): Edit[] {
  const edits: Edit[] = [];
  const nameOf = (t: Token | undefined): string | null =>
    t && (t.kind === 'ident' || t.kind === 'quoted')
      ? String(t.kind === 'ident' ? t.text : t.value).toLowerCase()
      : null;
  for (const q of qualified) {
    const want = [...q.parts, q.table].map((p) => p.toLowerCase());
    for (let k = 0; k + 2 * (want.length - 1) < toks.length; k++) {
      if (isOp(toks[k - 1], '.')) continue;
      const matches = want.every(
        (w, j) => nameOf(toks[k + 2 * j]) === w && (j === 0 || isOp(toks[k + 2 * j - 1], '.')),
      );
      const tableToken = toks[k + 2 * (want.length - 1)];
      if (matches && !edits.some((e) => e.start === toks[k].start)) {
        edits.push({ start: toks[k].start, end: tableToken.start, text: '' });
      }
    }
  }
  return edits;
}

interface PegError {
  location?: { start?: { offset?: number } };
}

function parseError(sql: string, toks: Token[], pt: ParserText, err: unknown): SqlError {
  const parserOffset = (err as PegError)?.location?.start?.offset;
  const offset = typeof parserOffset === 'number' ? pt.toOriginal(parserOffset) : 0;
  const near = toks.find((t) => t.end > offset);
  const at = near ? near.start : sql.length;
  const where = locate(sql, at);
  const what = near ? ` near ${describeToken(near)}` : ': the statement ends too early';
  return new SqlError('ERR_SQL_SYNTAX', `syntax error at line ${where.line}, column ${where.column}${what}`, {
    ...where,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
