import type { ProcArg } from '../../src/sql/types';
import { exec, lit, named, param, parseError } from './helpers';

type Arg = [name: string | null, value: ProcArg['value'], position: number];

describe('parseStatement with procedure calls', () => {
  const cases: [sql: string, procedure: string, args: Arg[]][] = [
    ['EXEC RefreshOAuthAccessToken', 'RefreshOAuthAccessToken', []],
    ['exec RefreshOAuthAccessToken;', 'RefreshOAuthAccessToken', []],
    [
      "EXEC GetOAuthAuthorizationURL @CallbackUrl='http://localhost:33333', @State='xyz'",
      'GetOAuthAuthorizationURL',
      [
        ['CallbackUrl', lit('http://localhost:33333'), 31],
        ['State', lit('xyz'), 70],
      ],
    ],
    [
      "EXECUTE GetOAuthAccessToken AuthMode='WEB', Verifier='abc'",
      'GetOAuthAccessToken',
      [
        ['AuthMode', lit('WEB'), 29],
        ['Verifier', lit('abc'), 45],
      ],
    ],
    [
      "execute GetOAuthAccessToken AuthMode = 'WEB' , Verifier = 'abc' ;",
      'GetOAuthAccessToken',
      [
        ['AuthMode', lit('WEB'), 29],
        ['Verifier', lit('abc'), 48],
      ],
    ],
    [
      "EXEC Proc 'a', 'b'",
      'Proc',
      [
        [null, lit('a'), 11],
        [null, lit('b'), 16],
      ],
    ],
    [
      'EXEC Proc A = ?, B = ?',
      'Proc',
      [
        ['A', param(0), 11],
        ['B', param(1), 18],
      ],
    ],
    [
      'EXEC Proc ?, ?',
      'Proc',
      [
        [null, param(0), 11],
        [null, param(1), 14],
      ],
    ],
    [
      'EXEC Proc @A = @p, @B = :q',
      'Proc',
      [
        ['A', named('p'), 11],
        ['B', named('q'), 20],
      ],
    ],
    [
      'EXEC Proc A=1, B=-2.5, C=+3, D=1e3, E=0x10',
      'Proc',
      [
        ['A', lit(1), 11],
        ['B', lit(-2.5), 16],
        ['C', lit(3), 24],
        ['D', lit(1000), 30],
        ['E', lit(16), 37],
      ],
    ],
    [
      'EXEC Proc A=NULL, B=true, C=FALSE',
      'Proc',
      [
        ['A', lit(null), 11],
        ['B', lit(true), 19],
        ['C', lit(false), 27],
      ],
    ],
    ["EXEC Proc A=N'unicode ü'", 'Proc', [['A', lit('unicode ü'), 11]]],
    ["EXEC Proc A='it''s'", 'Proc', [['A', lit("it's"), 11]]],
    ['EXEC Proc AuthMode=WEB', 'Proc', [['AuthMode', lit('WEB'), 11]]],
    ['EXEC Proc A="double"', 'Proc', [['A', lit('double'), 11]]],
    ["EXEC [Get OAuth] [Auth Mode]='APP'", 'Get OAuth', [['Auth Mode', lit('APP'), 18]]],
    ['EXEC "Proc" "A"=\'x\'', 'Proc', [['A', lit('x'), 13]]],
    ["EXEC `Proc` A='x'", 'Proc', [['A', lit('x'), 13]]],
    ["EXEC dbo.Proc A='x'", 'Proc', [['A', lit('x'), 15]]],
    ["EXEC [BigCommerce].[Proc] A='x'", 'Proc', [['A', lit('x'), 27]]],
    [
      "EXEC Proc(@A='x', @B='y')",
      'Proc',
      [
        ['A', lit('x'), 11],
        ['B', lit('y'), 19],
      ],
    ],
    ['EXEC Proc()', 'Proc', []],
    ["EXEC Proc 'a', B='b'", 'Proc', [
      [null, lit('a'), 11],
      ['B', lit('b'), 16],
    ]], // prettier-ignore
    ["EXEC Proc /* note */ A='x' -- trailing", 'Proc', [['A', lit('x'), 22]]],
    ["  EXEC Proc\n  @A = 'x',\n  @B = 'y'\n", 'Proc', [
      ['A', lit('x'), 15],
      ['B', lit('y'), 27],
    ]], // prettier-ignore
  ];

  it.each(cases)('reads %s', (sql, procedure, args) => {
    const stmt = exec(sql);
    expect(stmt.procedure).toBe(procedure);
    expect(stmt.args).toEqual(args.map(([name, value, position]) => ({ name, value, position })));
    expect(stmt.text).toBe(sql);
  });

  it('points each argument position at the first character of the argument', () => {
    const sql = "EXEC P @Alpha='1', Beta = ?";
    for (const arg of exec(sql).args)
      expect(sql.slice(arg.position - 1)).toMatch(new RegExp(`^@?${arg.name}`));
  });

  it('counts the placeholders a call uses', () => {
    const stmt = exec('EXEC P A=?, B=@b, C=?, D=@b, E=:e');
    expect(stmt.positionalParams).toBe(2);
    expect(stmt.namedParams).toEqual(['b', 'e']);
  });

  it('numbers ? placeholders in the order they appear', () => {
    expect(exec('EXEC P ?, B=?, C=?').args.map((a) => a.value)).toEqual([param(0), param(1), param(2)]);
  });

  const errors: [sql: string, code: string, position: number, fragment: string][] = [
    ['EXEC', 'ERR_SQL_SYNTAX', 5, 'expected a procedure name after EXEC but found end of input'],
    ["EXEC 'Proc'", 'ERR_SQL_SYNTAX', 6, 'expected a procedure name'],
    ['EXECUTE @rc = Proc', 'ERR_SQL_SYNTAX', 9, 'expected a procedure name after EXECUTE'],
    ["EXEC Proc A='x' B='y'", 'ERR_SQL_SYNTAX', 17, `expected ',' between arguments but found "B"`],
    ["EXEC Proc A='x',", 'ERR_SQL_SYNTAX', 17, "expected an argument after ','"],
    ['EXEC Proc A=', 'ERR_SQL_SYNTAX', 13, 'expected a value'],
    ['EXEC Proc A=,', 'ERR_SQL_SYNTAX', 13, 'expected a value'],
    ['EXEC Proc A=(1)', 'ERR_SQL_SYNTAX', 13, 'expected a value'],
    ["EXEC Proc A='x', 'y'", 'ERR_SQL_SYNTAX', 18, 'a positional argument cannot follow named ones'],
    ["EXEC Proc A='x', a='y'", 'ERR_SQL_SYNTAX', 18, 'parameter a is given twice'],
    ["EXEC Proc(A='x'", 'ERR_SQL_SYNTAX', 16, "expected ')' to close the argument list"],
    ["EXEC Proc A='x' OUTPUT", 'ERR_SQL_SYNTAX', 17, `but found "OUTPUT"`],
    ['EXEC Proc A=DEFAULT', 'ERR_SQL_SYNTAX', 13, 'omit the parameter to use its default'],
    ["EXEC Proc A='x'; EXEC Proc B='y'", 'ERR_SQL_SYNTAX', 18, 'only one statement'],
    ["EXEC Proc A='x", 'ERR_SQL_SYNTAX', 13, 'unterminated string'],
    ['EXEC Proc A=?1', 'ERR_NOT_SUPPORTED', 13, 'numbered placeholder ?1'],
    ["EXEC Proc A=X'00'", 'ERR_NOT_SUPPORTED', 13, 'binary literals'],
    ['EXEC dbo.', 'ERR_SQL_SYNTAX', 10, "expected a name after '.'"],
  ];

  it.each(errors)('rejects %s with %s at position %i', (sql, code, position, fragment) => {
    const err = parseError(sql);
    expect(err.code).toBe(code);
    expect(err.position).toBe(position);
    expect(err.message).toContain(fragment);
    expect(err.message).toContain(`position ${position}`);
  });

  it('gives line and column for a malformed call that spans lines', () => {
    const err = parseError("EXEC Proc\n  A='x'\n  B='y'");
    expect(err).toMatchObject({ code: 'ERR_SQL_SYNTAX', position: 21, line: 3, column: 3 });
    expect(err.message).toContain('position 21 (line 3, column 3)');
  });
});
