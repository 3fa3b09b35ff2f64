import { tokenize, type TokenKind } from '../../src/sql/lexer';

const kinds = (sql: string): [TokenKind, string | number][] => tokenize(sql).map((t) => [t.kind, t.value]);

describe('tokenize', () => {
  const cases: [sql: string, tokens: [TokenKind, string | number][]][] = [
    ["'it''s'", [['string', "it's"]]],
    ["N'ü'", [['string', 'ü']]],
    ["X'0aFF'", [['blob', '0aFF']]],
    ['"a ""b"""', [['quoted', 'a "b"']]],
    ['[a]]b]', [['quoted', 'a]b']]],
    ['`a``b`', [['quoted', 'a`b']]],
    ['Name_1$x', [['ident', 'Name_1$x']]],
    ['Prodütt', [['ident', 'Prodütt']]],
    ['12 1.5 .5 5. 1e3 2E-2 0x1F', [['number', 12], ['number', 1.5], ['number', 0.5], ['number', 5], ['number', 1000], ['number', 0.02], ['number', 31]]],
    ['? ?12', [['qmark', '?'], ['qmark', '?12']]],
    ['@a :b @@c', [['named', 'a'], ['named', 'b'], ['op', '@'], ['named', 'c']]],
    ['a::b', [['ident', 'a'], ['op', ':'], ['named', 'b']]],
    ['a : b', [['ident', 'a'], ['op', ':'], ['ident', 'b']]],
    ['->> -> <> <= >= != == || < = ( ) , ; . * #', [
      ['op', '->>'], ['op', '->'], ['op', '<>'], ['op', '<='], ['op', '>='], ['op', '!='], ['op', '=='], ['op', '||'],
      ['op', '<'], ['op', '='], ['op', '('], ['op', ')'], ['op', ','], ['op', ';'], ['op', '.'], ['op', '*'], ['op', '#'],
    ]],
    ['a -- c\nb /* d\ne */ c', [['ident', 'a'], ['comment', ''], ['ident', 'b'], ['comment', ''], ['ident', 'c']]],
    ["N 'x'", [['ident', 'N'], ['string', 'x']]],
  ]; // prettier-ignore

  it.each(cases)('reads %j', (sql, tokens) => {
    expect(kinds(sql)).toEqual(tokens);
  });

  it('records where every token starts and ends', () => {
    const sql = "SELECT [a b], 'x' FROM t";
    for (const t of tokenize(sql)) expect(sql.slice(t.start, t.end)).toBe(t.text);
    expect(tokenize(sql).map((t) => t.start)).toEqual([0, 7, 12, 14, 18, 23]);
  });

  it.each([
    ["SELECT 'abc", 8, 'unterminated string'],
    ['SELECT [abc', 8, 'unterminated bracketed identifier'],
    ['SELECT "abc', 8, 'unterminated quoted identifier'],
    ['SELECT `abc', 8, 'unterminated quoted identifier'],
    ["SELECT X'ab", 9, 'unterminated blob literal'],
    ['SELECT /* abc', 8, 'unterminated /* comment'],
  ])('rejects %j at position %i', (sql, position, fragment) => {
    expect(() => tokenize(sql)).toThrow(expect.objectContaining({ code: 'ERR_SQL_SYNTAX', position }));
    expect(() => tokenize(sql)).toThrow(fragment);
  });
});
