/**
 * The non-interactive bcsql: flags, -e, SQL piped on stdin, output formats, exit codes and the
 * split between stdout (results) and stderr (errors, warnings), run as a child process against a
 * simulator in this process.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { cleanEnv, ensureBuilt, runCli } from './cliHarness';

let sim: Simulator;
let conn: Connection;
let connString: string;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ seed: 3, products: 600, customers: 20, orders: 30 });
  connString = simulatorConnectionString(sim);
  conn = await connect(connString);
}, 240_000);

afterAll(async () => {
  await conn?.close();
  await sim?.close();
});

/** The one-line error format: `ERROR <code>: <message>`. */
const ERROR_LINE = /^ERROR (ERR_[A-Z_]+): .+\n$/;

describe('bcsql -e', () => {
  it('runs one statement and prints an aligned table with a row-count footer on stdout', async () => {
    const r = await runCli([connString, '-e', 'SELECT Id, Name FROM Brands ORDER BY Id LIMIT 3']);
    const { rows } = await conn.query('SELECT Id, Name FROM Brands ORDER BY Id LIMIT 3');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ Id +\| Name$/);
    expect(lines[1]).toMatch(/^-+\+-+$/);
    for (const [i, row] of rows.entries()) {
      expect(lines[2 + i]).toMatch(new RegExp(`^ +${String(row.Id)} \\| ${String(row.Name)}$`));
    }
    expect(lines[5]).toBe('(3 rows)');
  });

  it('takes the connection string from --connection and from BIGCOMMERCE_CONNECTION as well as the argument', async () => {
    const viaOption = await runCli(['--connection', connString, '-e', 'SELECT COUNT(*) AS n FROM Products']);
    const viaEnv = await runCli(['-e', 'SELECT COUNT(*) AS n FROM Products'], {
      env: cleanEnv({ BIGCOMMERCE_CONNECTION: connString }),
    });
    for (const r of [viaOption, viaEnv]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ +600$/m);
    }
  });

  it('prints a failed statement as one ERROR line with its code on stderr and exits with 1', async () => {
    const r = await runCli([connString, '-e', 'SELECT * FROM Prodcts']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(ERROR_LINE);
    expect(r.stderr).toContain('ERROR ERR_UNKNOWN_TABLE: no table "Prodcts"; did you mean "Products"?');
  });

  it('adds the stack trace to the error only with --verbose', async () => {
    const plain = await runCli([connString, '-e', 'SELECT * FROM Prodcts']);
    const verbose = await runCli([connString, '--verbose', '-e', 'SELECT * FROM Prodcts']);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    expect(verbose.code).toBe(1);
    expect(`${verbose.stderr.split('\n')[0]}\n`).toMatch(ERROR_LINE);
    expect(verbose.stderr).toMatch(/^\s+at .+\(.+\.js:\d+:\d+\)$/m);
  });

  it('prints errors that are not the provider\'s as "ERROR: message"', async () => {
    const r = await runCli(['--demo', connString, '-e', 'SELECT 1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'ERROR: --demo connects to the built-in demo store; leave out the connection string\n',
    );
  });

  it('rejects a bad connection string before running anything, naming the property', async () => {
    const r = await runCli(['AuthScheme=OAuth;StoreIdd=abc', '-e', 'SELECT Id FROM Brands']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR ERR_UNKNOWN_PROPERTY: .*"StoreIdd".*StoreId/);
  });

  it('runs a meta-command given to -e', async () => {
    const r = await runCli([connString, '-e', '\\procedures', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((p) => p.ProcedureName)).toEqual(
      expect.arrayContaining(['GetOAuthAccessToken', 'GetOAuthAuthorizationURL', 'RefreshOAuthAccessToken']),
    );
  });

  it('rejects an unknown --format with the allowed choices', async () => {
    const r = await runCli([connString, '--format', 'xml', '-e', 'SELECT 1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Allowed choices are table, csv, json');
  });
});

describe('bcsql with SQL piped on stdin', () => {
  it('runs the statements one after another, including one spread over lines and a last one without ;', async () => {
    const input = [
      'SELECT Id, Name FROM Brands',
      "  WHERE Name <> 'x;y' -- a ; in a string or a comment does not end the statement",
      '  ORDER BY Id LIMIT 2;',
      '/* several ; statements */ SELECT COUNT(*) AS n FROM Products; SELECT Name FROM Brands ORDER BY Id LIMIT 1',
    ].join('\n');
    const r = await runCli([connString], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/^\(\d+ rows?\)$/gm)).toEqual(['(2 rows)', '(1 row)', '(1 row)']);
    expect(r.stdout).toMatch(/^ +600$/m);
  });

  it('stops at the first failing statement, exits with 1 and runs nothing after it', async () => {
    const input =
      'SELECT Id FROM Brands LIMIT 1;\nSELECT Nope FROM Brands;\nSELECT Id AS AfterTheError FROM Brands LIMIT 1;\n';
    const r = await runCli([connString], { input });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('(1 row)');
    expect(r.stdout).not.toContain('AfterTheError');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(ERROR_LINE);
  });

  it('lists the meta-commands with \\?', async () => {
    const r = await runCli([connString], { input: '\\?\n' });
    expect(r.code).toBe(0);
    for (const command of ['\\tables', '\\d NAME', '\\procedures', '\\conn', '\\format', '\\timing', '\\q']) {
      expect(r.stdout).toContain(command);
    }
  });

  it('fails an unknown meta-command with a clear error', async () => {
    const r = await runCli([connString], { input: '\\tabels\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'ERROR ERR_UNKNOWN_COMMAND: unknown meta-command "\\tabels"; did you mean "\\tables"? (\\? lists them)\n',
    );
  });

  it('switches the output format with \\format and prints elapsed time and API requests with \\timing', async () => {
    const input = '\\format json\n\\timing\nSELECT Id FROM Brands ORDER BY Id LIMIT 2;\n';
    const r = await runCli([connString], { input });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      'Output format is json.',
      'Timing is on.',
      expect.stringMatching(/^\{"Id":\d+\}$/),
      expect.stringMatching(/^\{"Id":\d+\}$/),
      expect.stringMatching(/^Time: \d+\.\d ms, 1 API request$/),
    ]);
  });

  it('prints warnings from the result on stderr as WARNING lines while the rows go to stdout', async () => {
    const r = await runCli([`${connString};MaxFanOut=2`], { input: 'SELECT COUNT(*) AS n FROM OrderItems;' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(1 row)');
    expect(r.stderr).toMatch(/^WARNING: OrderItems: read the children of only the first 2 Orders/m);
  });

  it('shows no progress bar when stderr is not a terminal, even for a statement of several pages', async () => {
    const r = await runCli([connString], { input: 'SELECT COUNT(*) AS n FROM Products WHERE Price >= 0;' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('output formats', () => {
  const SQL =
    "SELECT Id, Name, Price, Description, IsVisible, Categories, NULL AS NoValue, '' AS Empty, " +
    '\'say "hi", ok\' AS Quoted FROM Products ORDER BY Id LIMIT 40';

  it('writes CSV that a CSV parser reads back to the rows the connection returns, NULL apart from empty', async () => {
    const r = await runCli([connString, '--format', 'csv', '-e', SQL]);
    const expected = await conn.query(SQL);
    expect(r.code).toBe(0);
    // RFC 4180: CRLF after every record, including the header.
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    expect(r.stdout.split('\r\n')[0]).toBe(expected.fields.map((f) => f.name).join(','));
    const parsed = parseCsv(r.stdout, {
      columns: true,
      // Unquoted empty fields are NULL; "" is the empty string.
      cast: (value, ctx) => (value === '' && !ctx.quoting ? null : value),
    }) as Record<string, string | null>[];
    const asText = (v: unknown) =>
      v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
    expect(parsed).toEqual(
      expected.rows.map((row) =>
        Object.fromEntries(expected.fields.map((f) => [f.name, asText(row[f.name])])),
      ),
    );
    expect(parsed[0].NoValue).toBeNull();
    expect(parsed[0].Empty).toBe('');
    expect(parsed[0].Quoted).toBe('say "hi", ok');
  });

  it('writes one JSON object per line, in column order, equal to the rows the connection returns', async () => {
    const r = await runCli([connString, '--format', 'json', '-e', SQL]);
    const expected = await conn.query(SQL);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(40);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(parsed[0])).toEqual(expected.fields.map((f) => f.name));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(expected.rows)));
  });

  it('keeps both values of two columns with the same name in table, CSV and JSON output', async () => {
    // The join reads every product's variants (one request each), so a store of its own, small.
    const small = await startSimulator({ seed: 3, products: 4, customers: 1, orders: 1 });
    try {
      const smallConn = simulatorConnectionString(small);
      const sql =
        'SELECT p.Id, v.Id FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 2';
      // Product 2's variants: pick one whose Id differs from the product's, so the two Id columns differ.
      const variantIds = small.store
        .productVariants(2)
        .map((v) => Number(v.id))
        .filter((id) => id !== 2);
      expect(variantIds.length).toBeGreaterThan(0);
      const variantId = variantIds[0];
      const one = `${sql} AND v.Id = ${variantId}`;

      const table = await runCli([smallConn, '-e', one]);
      expect(table.code).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(/^ Id +\| Id$/);
      expect(table.stdout.split('\n')[2]).toMatch(new RegExp(`^ +2 \\| +${variantId}$`));

      const csv = await runCli([smallConn, '--format', 'csv', '-e', one]);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toBe(`Id,Id\r\n2,${variantId}\r\n`);

      // JSON objects cannot repeat a key: the second Id is Id_2.
      const json = await runCli([smallConn, '--format', 'json', '-e', one]);
      expect(json.code).toBe(0);
      expect(json.stdout).toBe(`{"Id":2,"Id_2":${variantId}}\n`);
    } finally {
      await small.close();
    }
  });

  it('shows NULL as NULL in a table and keeps the empty string empty', async () => {
    const r = await runCli([connString, '-e', "SELECT NULL AS a, '' AS b, 'x' AS c"]);
    expect(r.stdout.split('\n')[2]).toBe(' NULL |   | x');
    // No colour codes when stdout is not a terminal.
    expect(r.stdout).not.toContain('\x1b[');
  });
});

describe('meta-commands', () => {
  it('\\d TABLE lists the columns with their types, key and the filters sent to the API', async () => {
    const r = await runCli([connString], { input: '\\d Products\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Table "Products": /);
    expect(r.stdout).toMatch(/^ Id +\| integer +\| PK +\| no +\| = IN NOT IN >= <= > < +\| /m);
    expect(r.stdout).toMatch(/^ BrandId +\| integer +\| FK Brands\.Id +\| yes +\| =/m);
    const columns = await conn.query(
      "SELECT COUNT(*) AS n FROM sys_tablecolumns WHERE TableName = 'Products'",
    );
    expect(r.stdout).toContain(`(${String(columns.rows[0].n)} rows)`);
  });

  it('\\d PROCEDURE lists its parameters and result columns', async () => {
    const r = await runCli([connString, '--format', 'csv', '-e', '\\d getoauthaccesstoken']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    const verifier = rows.find((p) => p.Parameter === 'Verifier');
    expect(verifier).toMatchObject({ Direction: 'Input' });
    expect(rows.find((p) => p.Parameter === 'OAuthAccessToken')).toMatchObject({ Direction: 'Output' });
  });

  it('\\d of an unknown name suggests the closest table', async () => {
    const r = await runCli([connString, '-e', '\\d Prodcts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'ERROR ERR_UNKNOWN_TABLE: no table or procedure "Prodcts"; did you mean "Products"?\n',
    );
  });

  it('\\tables lists every table from sys_tables', async () => {
    const r = await runCli([connString, '--format', 'json', '-e', '\\tables']);
    const expected = await conn.query('SELECT TableName FROM sys_tables ORDER BY TableName');
    const names = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { TableName: string }).TableName);
    expect(names).toEqual(expected.rows.map((row) => row.TableName));
  });

  it('\\conn shows the connection properties with every secret masked', async () => {
    const r = await runCli([connString], { input: '\\conn\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ OAuthClientSecret +\| \*{8} +\|/m);
    expect(r.stdout).toMatch(/^ OAuthAccessToken +\| \*{8} +\|/m);
    expect(r.stdout).toMatch(new RegExp(`^ StoreId +\\| ${sim.storeHash} `, 'm'));
    for (const secret of [sim.clientSecret, sim.accessToken]) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
  });
});

describe('bcsql --demo', () => {
  it('starts the demo store, prints the banner on stderr and runs the piped SQL', async () => {
    const r = await runCli(['--demo'], {
      input: "SELECT COUNT(*) AS n FROM Customers;\nEXEC GetOAuthAuthorizationURL State='abc';\n",
      timeoutMs: 30_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('EXEC GetOAuthAuthorizationURL');
    expect(r.stdout).toMatch(/^ +100$/m);
    // One row too wide for the terminal is shown whole; when piped, nothing is cut anyway.
    const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)/.exec(r.stdout)?.[1];
    expect(url).toBeDefined();
    const params = new URL(url as string).searchParams;
    expect(params.get('client_id')).toMatch(/^sim-client-/);
    expect(params.get('redirect_uri')).toBe('http://localhost:33333');
    expect(params.get('state')).toBe('abc');
  });

  it('leaves out the banner with --quiet', async () => {
    const r = await runCli(['--demo', '--quiet', '-e', 'SELECT COUNT(*) AS n FROM Brands'], {
      timeoutMs: 30_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('(1 row)');
  });
});

describe('bcsql --help', () => {
  it('documents the options, the subcommands and what happens when a piped statement fails', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const text of [
      '--execute',
      '--format',
      '--quiet',
      '--verbose',
      '--demo',
      'simulate',
      'BIGCOMMERCE_CONNECTION',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(r.stdout).toContain('the first statement that fails stops the run');
  });
});
