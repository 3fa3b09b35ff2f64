/**
 * A statement SQLite would run forever (an unbounded recursive CTE, a cross join of thousands of
 * rows) runs on a worker thread: QueryTimeout stops it with ERR_QUERY_TIMEOUT, AbortSignal and
 * close() end it, other statements keep running meanwhile, and SIGTERM/SIGINT end bcsql promptly.
 * The statements that could hang run in child processes, so a regression fails here instead of
 * freezing the test runner.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { CLI, cleanEnv, ensureBuilt, ROOT, runCli, Tmux } from '../cli/cliHarness';
import { simSetup, type SimSetup } from '../integration/simConnection';

const RECURSIVE = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c';
const CROSS = 'SELECT count(*) FROM Products a, Products b, Products c, Products d';

let t: SimSetup;
beforeAll(async () => {
  await ensureBuilt();
  t = await simSetup({ products: 200, customers: 1, orders: 1 });
}, 240_000);
afterAll(() => t.close());

const conn = (extra = '') => `${simulatorConnectionString(t.sim)}${extra}`;

describe('QueryTimeout', () => {
  it.each([
    ['an unbounded recursive CTE', RECURSIVE],
    ['a four-way cross join of 200 products', CROSS],
  ])('stops %s with ERR_QUERY_TIMEOUT (bcsql -e)', async (_, sql) => {
    const r = await runCli([conn(';QueryTimeout=1'), '-e', sql], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERROR ERR_QUERY_TIMEOUT: .*QueryTimeout \(1 s\)/m);
  });

  it('stops a stream the same way, and the connection keeps working', async () => {
    const c = await t.connectWith({ QueryTimeout: 1 });
    const read = async () => {
      for await (const _ of c.stream(RECURSIVE)) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 'ERR_QUERY_TIMEOUT' });
    expect((await c.query('SELECT count(*) AS n FROM Products')).rows).toEqual([{ n: 200 }]);
  });
});

describe('a statement still running', () => {
  it('does not stop other statements from running meanwhile', async () => {
    const c = await t.connectWith({ QueryTimeout: 0 });
    const controller = new AbortController();
    const runaway = c.query(RECURSIVE, undefined, { signal: controller.signal });
    runaway.catch(() => undefined);
    for (let i = 0; i < 3; i++) {
      expect((await c.query('SELECT Id FROM Products WHERE Id = 7')).rows).toEqual([{ Id: 7 }]);
    }
    controller.abort();
    await expect(runaway).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });

  it('is ended by close() with ERR_CONNECTION_CLOSED', async () => {
    const c = await t.connectWith({ QueryTimeout: 0 });
    const runaway = c.query(RECURSIVE);
    runaway.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    await c.close();
    await expect(runaway).rejects.toMatchObject({ code: 'ERR_CONNECTION_CLOSED' });
  });
});

describe('signals', () => {
  /** Starts bcsql on a runaway statement and sends `signal` once the statement has been running a moment. */
  function killDuring(signal: NodeJS.Signals, args: string[], input?: string) {
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv() });
        child.stdin.end(input ?? '');
        let sentAt = 0;
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const hard = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`bcsql ignored ${signal}; stderr: ${stderr}`));
        }, 20_000);
        setTimeout(() => {
          sentAt = Date.now();
          child.kill(signal);
        }, 2_000);
        child.on('exit', (code, sig) => {
          clearTimeout(hard);
          resolve({ code, signal: sig, ms: Date.now() - sentAt });
        });
      },
    );
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('%s ends bcsql -e running a runaway statement', async (signal) => {
    const r = await killDuring(signal, [conn(), '-e', RECURSIVE]);
    expect(r.code === 128 + (signal === 'SIGTERM' ? 15 : 2) || r.signal === signal).toBe(true);
  });

  it('SIGTERM ends the interactive shell while it runs a runaway statement, keeping its history', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-sec-sig-'));
    const tmux = new Tmux();
    try {
      await tmux.start('sig', [
        'env', '-i', `PATH=${process.env.PATH ?? ''}`, `HOME=${home}`, 'TERM=xterm-256color',
        `XDG_DATA_HOME=${path.join(home, 'data')}`, `BIGCOMMERCE_CONNECTION=${conn()}`, process.execPath, CLI,
      ]); // prettier-ignore
      await tmux.waitFor('sig', /^bcsql>$/m);
      await tmux.send('sig', 'SELECT 1 AS one;', 'Enter');
      await tmux.waitFor('sig', /\(1 row\)/);
      await tmux.send('sig', `${RECURSIVE};`, 'Enter');
      await new Promise((r) => setTimeout(r, 1500));
      const pid = Number((await tmux.run(['display-message', '-p', '-t', 'sig', '#{pane_pid}'])).trim());
      process.kill(pid, 'SIGTERM');
      await tmux.waitForExit('sig', 10_000);
      const history = fs.readFileSync(path.join(home, 'data', 'bigcommerce-sql-nodejs', 'history'), 'utf8');
      expect(history).toContain('SELECT 1 AS one;');
    } finally {
      await tmux.kill();
    }
  }, 60_000);
});
