/** withoutWhere: the text SQLite runs for `SELECT … FROM Proc WHERE Param = value …`. */
import { withoutWhere } from '../../src/sql/withoutWhere';
import { select } from './helpers';

describe('withoutWhere', () => {
  it('drops the WHERE clause and keeps the select list', () => {
    expect(
      withoutWhere("SELECT URL FROM GetOAuthAuthorizationURL WHERE CallbackUrl = 'x' AND State = 'y'"),
    ).toEqual({ text: 'SELECT URL FROM GetOAuthAuthorizationURL ', removedPositional: [] });
  });

  it.each([
    ['ORDER BY', "SELECT * FROM P WHERE A = 'x' ORDER BY URL", 'SELECT * FROM P ORDER BY URL'],
    ['LIMIT', "SELECT * FROM P WHERE A = 'x' LIMIT 1", 'SELECT * FROM P LIMIT 1'],
    ['GROUP BY', "SELECT COUNT(*) FROM P WHERE A = 'x' GROUP BY URL", 'SELECT COUNT(*) FROM P GROUP BY URL'],
    ['a trailing ;', "SELECT * FROM P WHERE A = 'x';", 'SELECT * FROM P ;'],
  ])('stops the clause at %s', (_what, sql, text) => {
    expect(withoutWhere(sql).text).toBe(text);
  });

  it('keeps parenthesised terms inside the clause and ignores words inside strings', () => {
    expect(withoutWhere("SELECT * FROM P WHERE (A = 'order by') AND (B = 'limit') LIMIT 2").text).toBe(
      'SELECT * FROM P LIMIT 2',
    );
  });

  it('reports which ? placeholders were in the WHERE, so their values can be left out', () => {
    expect(withoutWhere('SELECT ? AS k FROM P WHERE A = ? AND B = ? LIMIT ?')).toEqual({
      text: 'SELECT ? AS k FROM P LIMIT ?',
      removedPositional: [1, 2],
    });
  });

  it('returns a statement without WHERE unchanged', () => {
    expect(withoutWhere('SELECT * FROM P ORDER BY 1')).toEqual({
      text: 'SELECT * FROM P ORDER BY 1',
      removedPositional: [],
    });
  });

  it('works on the text parseStatement produces, TOP rewritten', () => {
    const { text } = withoutWhere(
      select("SELECT TOP 1 URL FROM [GetOAuthAuthorizationURL] WHERE State='s'").text,
    );
    expect(text).not.toMatch(/WHERE|State/i);
    expect(text).toMatch(/LIMIT 1/);
  });
});
