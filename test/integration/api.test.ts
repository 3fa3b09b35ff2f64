/**
 * The public API as a user of the package sees it: the package built as `npm run build` builds it,
 * loaded by a separate Node process through `require('bigcommerce-sql')`, `import … from
 * 'bigcommerce-sql'` and the `bigcommerce-sql/simulator` subpath, resolved through package.json
 * like an installed package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as api from '../../src';

const repo = path.resolve(__dirname, '../..');
let consumer: string;
let pkg: string;

beforeAll(() => {
  // A copy of the package as npm would install it, built into its own dist/ so that tests that run
  // the checkout's dist/ at the same time are not disturbed. Its dependencies are the checkout's.
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-consumer-'));
  pkg = path.join(consumer, 'pkg');
  fs.mkdirSync(pkg);
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(pkg, 'package.json'));
  for (const dir of ['schemas', 'procedures', 'node_modules']) {
    fs.symlinkSync(path.join(repo, dir), path.join(pkg, dir), 'dir');
  }
  // The build emits even when another module has a type error; the checks below need only dist/.
  spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(pkg, 'dist')],
    { cwd: repo },
  );
  // A project that has the package installed: node_modules/bigcommerce-sql → the copy.
  fs.mkdirSync(path.join(consumer, 'node_modules'));
  fs.symlinkSync(pkg, path.join(consumer, 'node_modules', 'bigcommerce-sql'), 'dir');
}, 180000);

afterAll(() => {
  if (consumer) fs.rmSync(consumer, { recursive: true, force: true });
});

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: consumer, encoding: 'utf8', timeout: 60000 });
}

const script = `
  const { connect, parseConnectionString, BigCommerceSqlError, SqlError, ConnectionStringError, ApiError, AuthError, CatalogError } = LIB;
  const { startSimulator } = SIM;
  (async () => {
    const sim = await startSimulator({ products: 30, orders: 10, customers: 5 });
    const conn = await connect({
      AuthScheme: 'OAuth', StoreId: sim.storeHash, OAuthAccessToken: sim.accessToken, OAuthClientId: sim.clientId,
      ApiBaseURL: sim.apiBaseUrl, LoginBaseURL: sim.loginBaseUrl,
    });
    const sel = await conn.query('SELECT Id, Name, IsVisible FROM Products WHERE Id = ?', [3]);
    const exec = await conn.query("EXEC GetOAuthAuthorizationURL CallbackUrl='http://localhost:33333', State='xyz'");
    let err;
    try { await conn.query('SELECT * FROM Prodcts'); } catch (e) { err = e; }
    await conn.close();
    await sim.close();
    console.log(JSON.stringify({
      select: { command: sel.command, rowCount: sel.rowCount, fields: sel.fields, id: sel.rows[0].Id, visible: typeof sel.rows[0].IsVisible },
      exec: { command: exec.command, fields: exec.fields, url: exec.rows[0].URL.startsWith(sim.loginBaseUrl + '/oauth2/authorize?') },
      parsed: parseConnectionString('StoreId=abc;Timeout=5'),
      error: { code: err.code, base: err instanceof BigCommerceSqlError, sql: err instanceof SqlError },
      classes: [ConnectionStringError, ApiError, AuthError, CatalogError].every((c) => new c('ERR_X', 'm') instanceof BigCommerceSqlError),
    }));
  })().catch((e) => { console.error(e); process.exit(1); });
`;

const expected = {
  select: {
    command: 'SELECT',
    rowCount: 1,
    fields: [
      { name: 'Id', dataType: 'integer' },
      { name: 'Name', dataType: 'string' },
      { name: 'IsVisible', dataType: 'boolean' },
    ],
    id: 3,
    visible: 'boolean',
  },
  exec: { command: 'EXEC', fields: expect.arrayContaining([{ name: 'URL', dataType: 'string' }]), url: true },
  parsed: { StoreId: 'abc', Timeout: '5' },
  error: { code: 'ERR_UNKNOWN_TABLE', base: true, sql: true },
  classes: true,
};

describe('the built package', () => {
  it('is built by npm install itself: prepare runs the same build this test uses', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    expect(manifest.scripts.prepare).toBe('npm run build');
    expect(manifest.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(manifest.main).toBe('dist/index.js');
    expect(manifest.types).toBe('dist/index.d.ts');
    for (const entry of ['main', 'types']) expect(fs.existsSync(path.join(pkg, manifest[entry]))).toBe(true);
  });

  it('works through require("bigcommerce-sql") and require("bigcommerce-sql/simulator")', () => {
    const code = script
      .replace('LIB', "require('bigcommerce-sql')")
      .replace('SIM', "require('bigcommerce-sql/simulator')");
    expect(JSON.parse(node(['-e', code]))).toEqual(expected);
  });

  it('works through ES module imports of the package and its simulator subpath', () => {
    const code =
      "import * as lib from 'bigcommerce-sql'; import * as sim from 'bigcommerce-sql/simulator';\n" +
      script.replace('LIB', 'lib').replace('SIM', 'sim');
    expect(JSON.parse(node(['--input-type=module', '-e', code]))).toEqual(expected);
  });

  it('ships type declarations for the public surface', () => {
    const dts = fs.readFileSync(path.join(pkg, 'dist', 'index.d.ts'), 'utf8');
    for (const name of [
      'connect',
      'Connection',
      'parseConnectionString',
      'BigCommerceSqlError',
      'QueryResult',
      'FieldInfo',
    ]) {
      expect(dts).toContain(name);
    }
    expect(fs.existsSync(path.join(pkg, 'dist', 'simulator', 'index.d.ts'))).toBe(true);
  });
});

describe('the public surface', () => {
  it('exports connect, Connection, parseConnectionString and the error classes, and nothing internal', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'ApiError',
        'AuthError',
        'BigCommerceSqlError',
        'CatalogError',
        'Connection',
        'ConnectionStringError',
        'SqlError',
        'connect',
        'parseConnectionString',
      ].sort(),
    );
  });

  it('keeps secrets out of a printed connection', async () => {
    const conn = await api.connect({
      AuthScheme: 'PersonalAccessToken',
      StoreId: 'abc',
      OAuthAccessToken: 'secret-token-123',
    });
    const { inspect } = await import('node:util');
    expect(inspect(conn, { depth: 5 })).not.toContain('secret-token-123');
    expect(JSON.stringify(conn)).not.toContain('secret-token-123');
    await conn.close();
  });
});
