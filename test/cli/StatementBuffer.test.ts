import { splitSql } from '../../src/cli/splitSql';
import { StatementBuffer } from '../../src/cli/StatementBuffer';

describe('splitSql', () => {
  it('splits statements at semicolons and drops the semicolons', () => {
    expect(splitSql('SELECT 1; SELECT 2;')).toMatchObject({
      statements: ['SELECT 1', 'SELECT 2'],
      restIsBlank: true,
    });
  });

  it('does not split at a semicolon inside a string, a quoted identifier or a comment', () => {
    const sql = `SELECT 'a;''b', "c;d", [e;f], \`g;h\` -- i;j\nFROM t /* k; */;`;
    expect(splitSql(sql).statements).toEqual([sql.slice(0, -1)]);
  });

  it('returns the unfinished text after the last semicolon and says when it is inside a string', () => {
    expect(splitSql("SELECT 1; SELECT 'abc")).toMatchObject({
      statements: ['SELECT 1'],
      rest: " SELECT 'abc",
      open: true,
      restIsBlank: false,
    });
    expect(splitSql('SELECT 1 /* still').open).toBe(true);
    expect(splitSql('SELECT 1 -- a comment ends with the line').open).toBe(false);
  });

  it('reads quotes as the SQL lexer does: N and X prefixes, doubled closers, open names', () => {
    expect(splitSql("SELECT N'a;b', X'3B', [c]];d]; SELECT 2;").statements).toEqual([
      "SELECT N'a;b', X'3B', [c]];d]",
      'SELECT 2',
    ]);
    expect(splitSql('SELECT [open;').open).toBe(true);
    expect(splitSql('SELECT "open;').open).toBe(true);
    expect(splitSql('/* open ;').restIsBlank).toBe(true);
  });

  it('leaves out statements that are only comments or whitespace', () => {
    expect(splitSql(' ; -- nothing\n; /* x */ ;').statements).toEqual([]);
  });
});

describe('StatementBuffer', () => {
  it('collects a statement over several lines until a line ends it with a semicolon', () => {
    const b = new StatementBuffer();
    expect(b.push('SELECT Id,')).toEqual([]);
    expect(b.pending).toBe(true);
    expect(b.push('  Name FROM Products')).toEqual([]);
    expect(b.push('WHERE Id = 1;')).toEqual([
      { kind: 'sql', text: 'SELECT Id,\n  Name FROM Products\nWHERE Id = 1' },
    ]);
    expect(b.pending).toBe(false);
  });

  it('treats a line starting with a backslash as a meta-command that needs no semicolon', () => {
    const b = new StatementBuffer();
    expect(b.push('  \\d Products')).toEqual([{ kind: 'meta', text: '\\d Products' }]);
    b.push('SELECT 1');
    expect(b.push('\\q')).toEqual([{ kind: 'meta', text: '\\q' }]);
  });

  it('reads a backslash line inside an open string as part of the string', () => {
    const b = new StatementBuffer();
    b.push("SELECT 'first line");
    expect(b.push("\\not a command';")).toEqual([
      { kind: 'sql', text: "SELECT 'first line\n\\not a command'" },
    ]);
  });

  it('keeps text after the last semicolon of a line for the next statement', () => {
    const b = new StatementBuffer();
    expect(b.push('SELECT 1; SELECT')).toEqual([{ kind: 'sql', text: 'SELECT 1' }]);
    expect(b.push('2;')).toEqual([{ kind: 'sql', text: 'SELECT\n2' }]);
  });

  it('does not wait for more input after blank lines or a finished comment, but does inside an open comment', () => {
    const b = new StatementBuffer();
    b.push('');
    b.push('-- just a comment');
    expect(b.pending).toBe(false);
    b.push('SELECT 1; /* open');
    expect(b.pending).toBe(true);
    expect(b.push('; still in the comment */ SELECT 2;')).toEqual([
      { kind: 'sql', text: '/* open\n; still in the comment */ SELECT 2' },
    ]);
  });

  it('hands out an unfinished statement at the end of input', () => {
    const b = new StatementBuffer();
    b.push('SELECT 1');
    expect(b.flush()).toEqual([{ kind: 'sql', text: 'SELECT 1' }]);
    b.push('-- only a comment');
    expect(b.flush()).toEqual([]);
  });
});
