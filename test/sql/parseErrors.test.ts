import { SqlError } from '../../src/errors';
import { parseStatement } from '../../src/sql/parseStatement';
import { parseError } from './helpers';

describe('parseStatement errors', () => {
  const cases: [sql: string, code: string, position: number, fragment: string][] = [
    ['', 'ERR_SQL_SYNTAX', 1, 'empty statement'],
    ['   \n  ', 'ERR_SQL_SYNTAX', 1, 'empty statement'],
    ['-- only a comment', 'ERR_SQL_SYNTAX', 1, 'empty statement'],
    [';', 'ERR_SQL_SYNTAX', 1, 'empty statement'],
    ['SELECT 1; SELECT 2', 'ERR_SQL_SYNTAX', 11, 'only one statement can be run at a time'],
    ["EXEC P A='x';\nSELECT 1", 'ERR_SQL_SYNTAX', 15, 'send them separately'],
    [
      'SELECT a FROM t WHERE',
      'ERR_SQL_SYNTAX',
      22,
      'syntax error at line 1, column 22: the statement ends too early',
    ],
    ['SELECT a FROM t WHERE a = = 1', 'ERR_SQL_SYNTAX', 27, 'syntax error at line 1, column 27 near "="'],
    ['SELECT a, FROM t', 'ERR_SQL_SYNTAX', 16, 'syntax error at line 1, column 16 near "t"'],
    ['SELECT * FROM t WHERE a IN ()', 'ERR_SQL_SYNTAX', 29, 'near ")"'],
    ['SELECT a FROM t WINDOW w AS (ORDER BY a)', 'ERR_SQL_SYNTAX', 24, 'near "w"'],
    ['SELECT * FROM t WHERE x = ? AND y = ? AND', 'ERR_SQL_SYNTAX', 42, 'ends too early'],
    ['SELECT Order FROM t', 'ERR_SQL_SYNTAX', 1, 'put [brackets] around names that are SQL keywords'],
    ["SELECT 'abc FROM t", 'ERR_SQL_SYNTAX', 8, 'unterminated string'],
    ['SELECT [abc FROM t', 'ERR_SQL_SYNTAX', 8, 'unterminated bracketed identifier'],
    ['SELECT "abc FROM t', 'ERR_SQL_SYNTAX', 8, 'unterminated quoted identifier'],
    ['SELECT a /* FROM t', 'ERR_SQL_SYNTAX', 10, 'unterminated /* comment'],
    [
      'SELEC * FROM t',
      'ERR_SQL_SYNTAX',
      1,
      'expected SELECT, WITH or EXEC but found "SELEC" at position 1; did you mean "SELECT"?',
    ],
    ['42', 'ERR_SQL_SYNTAX', 1, 'expected SELECT, WITH or EXEC'],
    ['(SELECT 1)', 'ERR_SQL_SYNTAX', 1, 'remove the parentheses'],
    ['CREATE TABLE x (a int)', 'ERR_NOT_SUPPORTED', 1, 'INSERT, UPDATE, DELETE or UPSERT to change rows'],
    ['DROP TABLE Products', 'ERR_NOT_SUPPORTED', 1, 'DROP statements are not supported'],
    ['ALTER TABLE Products ADD x int', 'ERR_NOT_SUPPORTED', 1, 'ALTER statements are not supported'],
    ['MERGE INTO t USING u ON 1 = 1', 'ERR_NOT_SUPPORTED', 1, 'MERGE statements are not supported'],
    ['TRUNCATE TABLE Products', 'ERR_NOT_SUPPORTED', 1, 'TRUNCATE statements are not supported'],
    [
      'WITH c AS (SELECT 1) DELETE FROM Products',
      'ERR_NOT_SUPPORTED',
      22,
      'DELETE statements are not supported',
    ],
    ['SELECT * INTO Copy FROM Products', 'ERR_NOT_SUPPORTED', 10, 'SELECT … INTO is not supported'],
    [
      'PRAGMA table_info(Products)',
      'ERR_NOT_SUPPORTED',
      1,
      'only SELECT, INSERT, UPDATE, DELETE, UPSERT and EXEC are',
    ],
    ['BEGIN TRANSACTION', 'ERR_NOT_SUPPORTED', 1, 'only SELECT, INSERT, UPDATE, DELETE, UPSERT and EXEC are'],
    ['SELECT TOP 10 PERCENT * FROM t', 'ERR_NOT_SUPPORTED', 15, 'TOP … PERCENT is not supported'],
    [
      'SELECT TOP 10 WITH TIES * FROM t ORDER BY a',
      'ERR_NOT_SUPPORTED',
      15,
      'TOP … WITH TIES is not supported',
    ],
    ['SELECT TOP 5 * FROM t LIMIT 5', 'ERR_SQL_SYNTAX', 23, 'both TOP and LIMIT'],
    ['SELECT TOP ? * FROM t WHERE a = ?', 'ERR_NOT_SUPPORTED', 12, 'TOP ? cannot be moved'],
    ['SELECT * FROM t WHERE a = ?2', 'ERR_NOT_SUPPORTED', 27, 'numbered placeholder ?2'],
  ];

  it.each(cases)('rejects %j with %s at position %i', (sql, code, position, fragment) => {
    const err = parseError(sql);
    expect(err).toBeInstanceOf(SqlError);
    expect(err.code).toBe(code);
    expect(err.position).toBe(position);
    expect(err.message).toContain(fragment);
  });

  it('reports line and column of a syntax error on a later line', () => {
    const err = parseError('SELECT a,\n       b\nFROM t\nWHERE a = = 1');
    expect(err).toMatchObject({ code: 'ERR_SQL_SYNTAX', line: 4, column: 11, position: 37 });
    expect(err.message).toBe('syntax error at line 4, column 11 near "="');
  });

  it('maps error positions back through rewritten text (placeholders, quotes, TOP)', () => {
    const sql = 'SELECT TOP 5 "a", ? FROM t WHERE b = ? AND c = = 1';
    const err = parseError(sql);
    expect(err.position).toBe(sql.lastIndexOf('=') + 1);
    expect(err.message).toContain('near "="');
  });

  it('keeps parser messages short: no list of expected tokens and no stack trace', () => {
    const err = parseError('SELECT a FROM t WHERE a = = 1');
    expect(err.message).not.toMatch(/Expected|but .* found|\n|at .*\.js/);
    expect(err.message.length).toBeLessThan(80);
  });

  it.each([
    "EXEC GetOAuthAccessToken Verifier='secret-code-123' 'other-secret'",
    "EXEC GetOAuthAccessToken Verifier='secret-code-123' = 'other-secret'",
    "SELECT * FROM GetOAuthAccessToken WHERE Verifier = 'secret-code-123' 'other-secret'",
    "'secret-code-123'",
  ])('does not quote string literals back in the message of %j', (sql) => {
    const err = parseError(sql);
    expect(err.message).not.toMatch(/secret/);
    expect(JSON.stringify(err)).not.toMatch(/secret/);
  });

  it('rejects a value that is not a string', () => {
    expect(() => parseStatement(undefined as unknown as string)).toThrow(
      expect.objectContaining({ code: 'ERR_SQL_SYNTAX' }),
    );
  });

  it('accepts a single trailing semicolon, or several', () => {
    expect(parseStatement('SELECT 1;').kind).toBe('select');
    expect(parseStatement('SELECT 1 ; ; -- done').kind).toBe('select');
  });
});
