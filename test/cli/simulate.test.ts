/**
 * `bcsql simulate`: the standalone simulator prints a connection string that works, honours its
 * options, and stops cleanly on SIGTERM or SIGINT.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connect } from '../../src';
import { cleanEnv, CLI, ensureBuilt, ROOT, runCli } from './cliHarness';

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

interface Running {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `bcsql simulate …` and waits for its first stdout line. */
function startSimulate(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'simulate', ...args], { cwd: ROOT, env: cleanEnv() });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`simulate printed nothing\n${stderr}`));
    }, 20_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, firstLine: stdout.slice(0, nl), stderr: () => stderr, exited });
      }
    });
    exited.then(() => reject(new Error(`simulate exited early\n${stderr}`)));
  });
}

describe('bcsql simulate', () => {
  it('prints a connection string that a connection can query, and stops cleanly on SIGTERM', async () => {
    const sim = await startSimulate(['--products', '30', '--customers', '4', '--orders', '5', '--seed', '9']);
    try {
      const conn = await connect(sim.firstLine);
      try {
        const { rows } = await conn.query('SELECT COUNT(*) AS n FROM Products');
        expect(rows[0].n).toBe(30);
        const customers = await conn.query('SELECT COUNT(*) AS n FROM Customers');
        expect(customers.rows[0].n).toBe(4);
      } finally {
        await conn.close();
      }
    } finally {
      sim.child.kill('SIGTERM');
    }
    expect(await sim.exited).toBe(0);
    expect(sim.stderr()).toContain('30 products, 4 customers, 5 orders; seed 9');
    expect(sim.stderr()).toContain('Simulator stopped.');
  });

  it('serves the same store for the same seed, and its connection string runs the OAuth procedures', async () => {
    const sim = await startSimulate(['--products', '5', '--seed', '4']);
    try {
      const r = await runCli([sim.firstLine, '--format', 'json'], {
        input: 'SELECT Id, Name FROM Products ORDER BY Id;\nEXEC GetOAuthAuthorizationURL;\n',
      });
      expect(r.code).toBe(0);
      const lines = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(6);
      expect(String(lines[5].URL)).toContain('/oauth2/authorize?client_id=sim-client-');
      const again = await startSimulate(['--products', '5', '--seed', '4']);
      try {
        const second = await runCli([
          again.firstLine,
          '--format',
          'json',
          '-e',
          'SELECT Id, Name FROM Products ORDER BY Id',
        ]);
        expect(second.stdout.trimEnd().split('\n')).toEqual(r.stdout.trimEnd().split('\n').slice(0, 5));
      } finally {
        again.child.kill('SIGINT');
        expect(await again.exited).toBe(0);
      }
    } finally {
      sim.child.kill('SIGINT');
    }
    expect(await sim.exited).toBe(0);
  });

  it('applies the rate-limit quota it is given', async () => {
    const sim = await startSimulate(['--json', '--products', '3', '--quota', '7', '--window', '60000']);
    try {
      const details = JSON.parse(sim.firstLine) as {
        apiBaseUrl: string;
        storeHash: string;
        accessToken: string;
        connectionString: string;
      };
      expect(details.connectionString).toContain(`StoreId=${details.storeHash}`);
      const res = await fetch(`${details.apiBaseUrl}/stores/${details.storeHash}/v3/catalog/brands`, {
        headers: { 'X-Auth-Token': details.accessToken, Accept: 'application/json' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit-requests-quota')).toBe('7');
    } finally {
      sim.child.kill('SIGTERM');
    }
    expect(await sim.exited).toBe(0);
  });

  it('hands out expiring tokens whose refreshes every process using the connection string shares', async () => {
    const sim = await startSimulate(['--expiring-tokens', '--token-ttl', '4', '--products', '2']);
    const settings = /OAuthSettingsLocation=([^;]+)/.exec(sim.firstLine)?.[1];
    try {
      expect(sim.firstLine).toContain('InitiateOAuth=REFRESH');
      // Let the token expire, so the first process refreshes it (which uses up the refresh token).
      // The lifetime leaves room for a slow CLI start between the refresh and the query.
      await new Promise((r) => setTimeout(r, 4200));
      for (let i = 0; i < 2; i++) {
        const r = await runCli([
          sim.firstLine,
          '--format',
          'json',
          '-e',
          'SELECT COUNT(*) AS n FROM Products',
        ]);
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe('{"n":2}\n');
      }
      expect(fs.existsSync(settings as string)).toBe(true);
    } finally {
      sim.child.kill('SIGTERM');
    }
    expect(await sim.exited).toBe(0);
    // The shared settings file lives only as long as the simulator.
    expect(fs.existsSync(path.dirname(settings as string))).toBe(false);
    // Three process starts, each seconds long on a loaded machine.
  }, 120_000);

  it('rejects an option value out of range with a message saying what is expected', async () => {
    const r = await runCli(['simulate', '--fault-rate', '2']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('expected a number from 0 to 1');
  });
});
