import { codeTokens, splitStatements } from '../../src/server/pgLexer';

describe('splitStatements', () => {
  it('splits a simple query at top-level semicolons', () => {
    expect(splitStatements('SELECT 1; SELECT 2;')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('never splits inside strings, quoted names, dollar quotes or comments', () => {
    const sql = `SELECT 'a;b', "x;y", $$c;d$$, $tag$e;$$;f$tag$, E'it\\'s;' -- g;h
      /* i; /* nested; */ j; */ FROM t; SELECT 2`;
    const parts = splitStatements(sql);
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe('SELECT 2');
  });

  it('drops statements that are only whitespace or comments', () => {
    expect(splitStatements(' ; -- nothing\n ; /* none */')).toEqual([]);
    expect(splitStatements('SELECT 1;;')).toEqual(['SELECT 1']);
  });

  it('keeps an unterminated string to the end instead of throwing', () => {
    expect(splitStatements("SELECT 'open; SELECT 2")).toEqual(["SELECT 'open; SELECT 2"]);
  });
});

describe('codeTokens', () => {
  it('reads parameters, casts, quoted names and operators', () => {
    const t = codeTokens('SELECT "A""b"::int, $12, x !~ \'^pg_\' FROM t');
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ['word', 'SELECT'],
      ['quoted', 'A"b'],
      ['op', '::'],
      ['word', 'int'],
      ['op', ','],
      ['param', '12'],
      ['op', ','],
      ['word', 'x'],
      ['op', '!~'],
      ['string', '^pg_'],
      ['word', 'FROM'],
      ['word', 't'],
    ]);
  });

  it('ends an operator before a comment that follows it without a space', () => {
    expect(codeTokens('a =-- c\n1').map((x) => x.text)).toEqual(['a', '=', '1']);
  });
});
