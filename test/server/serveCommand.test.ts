/**
 * `bcsql serve`: the command line around the endpoint — --listen parsing, --demo, the password
 * rule for addresses beyond loopback — run as the built CLI, as a user would.
 */
import { Client } from 'pg';
import { parseListen } from '../../src/cli/commands/serveCommand';
import { cleanEnv, ensureBuilt, runCli } from '../cli/cliHarness';
import { serve, XDG_CACHE_HOME } from './serveCli';
import { run, START_TIMEOUT } from './serverHarness';

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

describe('parseListen', () => {
  it('reads host:port, [v6]:port, :port and a bare port', () => {
    expect(parseListen('0.0.0.0:6543')).toEqual({ host: '0.0.0.0', port: 6543 });
    expect(parseListen('[::1]:5433')).toEqual({ host: '::1', port: 5433 });
    expect(parseListen(':0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseListen('5433')).toEqual({ host: '127.0.0.1', port: 5433 });
  });

  it('refuses anything else with an example', () => {
    expect(() => parseListen('localhost')).toThrow(/expected host:port, e\.g\. 127\.0\.0\.1:5433/);
    expect(() => parseListen('127.0.0.1:99999')).toThrow(/expected host:port/);
  });
});

describe('bcsql serve', () => {
  it(
    'serves the demo store to psql on loopback and stops cleanly on SIGINT',
    async () => {
      const served = await serve(['--demo', '--listen', '127.0.0.1:0']);
      let code: number | null = null;
      try {
        expect(served.url).toMatch(/^postgresql:\/\/bcsql@127\.0\.0\.1:\d+\/bigcommerce$/);
        expect(served.stderr()).toMatch(/read-only PostgreSQL database/);
        const r = await run('psql', ['-X', '-At', served.url, '-c', 'SELECT count(*) FROM "Products"']);
        expect(r.stderr).toBe('');
        expect(Number(r.stdout.trim())).toBeGreaterThan(0);
      } finally {
        code = await served.stop('SIGINT');
      }
      expect(code).toBe(0);
      expect(served.stderr()).toMatch(/stopped/);
    },
    START_TIMEOUT,
  );

  it('refuses to listen on 0.0.0.0 without a password and says how to give one', async () => {
    const r = await runCli(['serve', '--demo', '--listen', '0.0.0.0:0'], {
      env: cleanEnv({ XDG_CACHE_HOME }),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without a password/);
    expect(r.stderr).toMatch(/BCSQL_SERVE_PASSWORD/);
  });

  it(
    'listens on 0.0.0.0 with the password from BCSQL_SERVE_PASSWORD, and checks it',
    async () => {
      const served = await serve(['--demo', '--listen', '0.0.0.0:0', '--quiet'], {
        BCSQL_SERVE_PASSWORD: 'pw-from-env',
      });
      try {
        const port = Number(/:(\d+)\//.exec(served.url)![1]);
        const ok = new Client({
          host: '127.0.0.1',
          port,
          user: 'bi',
          database: 'bigcommerce',
          password: 'pw-from-env',
        });
        await ok.connect();
        expect((await ok.query('SELECT "Id" FROM "Brands" WHERE "Id" = $1', [1])).rows).toEqual([
          { Id: '1' },
        ]);
        await ok.end();
        const bad = new Client({
          host: '127.0.0.1',
          port,
          user: 'bi',
          database: 'bigcommerce',
          password: 'guess',
        });
        await expect(bad.connect()).rejects.toMatchObject({ code: '28P01' });
        expect(served.stderr()).toBe('');
      } finally {
        await served.stop('SIGTERM');
      }
    },
    START_TIMEOUT,
  );
});
