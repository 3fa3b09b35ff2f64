/**
 * `bcsql replicate --every`: the built CLI against an in-process simulator. Runs are counted by
 * the requests the simulator answers (each incremental run of Products sends one listing with
 * `date_modified:min`), never by the clock; SIGTERM between runs or in the middle of one ends the
 * command cleanly, with no request after it and a replica the next run can continue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { startSimulator, type Simulator } from '../../src/simulator';
import { CLI, cleanEnv, ensureBuilt } from './cliHarness';

jest.setTimeout(120_000);

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ rateLimit: false, products: 600, customers: 5, orders: 5 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-every-'));
});

afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const connection = () =>
  `AuthScheme=PersonalAccessToken;StoreId=${sim.storeHash};OAuthAccessToken=${sim.accessToken};ApiBaseURL=${sim.apiBaseUrl}`;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function replicate(file: string, every: string): Running {
  const child = spawn(
    process.execPath,
    [CLI, 'replicate', connection(), '--to', file, '--tables', 'Products', '--every', every, '-q'],
    { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

const productRequests = () => sim.requests.filter((r) => r.path.endsWith('/v3/catalog/products'));
const incrementalRuns = () => productRequests().filter((r) => 'date_modified:min' in r.query).length;

/** Resolves when `done()` holds, checking as requests arrive; fails after `ms`. */
async function until(done: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the simulator to see the runs');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('bcsql replicate --every', () => {
  it('runs again and again, picks up changes, and ends cleanly on SIGTERM between runs', async () => {
    sim.resetRequests();
    const file = path.join(dir, 'every.db');
    const run = replicate(file, '1s');
    await until(() => incrementalRuns() >= 1);
    const changed = sim.store.ids('products')[3];
    sim.store.mutate({ resource: 'products', action: 'modify', id: changed });
    await until(() => incrementalRuns() >= 4);
    // Between runs: the last summary is written once its run's requests are answered.
    await until(() => (run.stdout().match(/^Total /gm) ?? []).length === incrementalRuns() + 1);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const seen = sim.requests.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.requests.length).toBe(seen);

    const summaries = run.stdout().match(/^Total /gm) ?? [];
    expect(summaries.length).toBe(incrementalRuns() + 1);
    expect(run.stdout()).toMatch(/^Products\s+full\s+\+600 ~0 -0/m);
    expect(run.stdout()).toMatch(/^Products\s+incremental\s+\+0 ~1 -0/m);
    const db = new Database(file, { readonly: true });
    try {
      const name = db.prepare('SELECT Name FROM Products WHERE Id = ?').get(changed) as { Name: string };
      expect(name.Name).toMatch(/\(rev 1\)$/);
    } finally {
      db.close();
    }
  });

  it('ends cleanly on SIGTERM in the middle of a run, and the next run completes the replica', async () => {
    const file = path.join(dir, 'midrun.db');
    sim.setLatency(300);
    try {
      sim.resetRequests();
      const run = replicate(file, '1h');
      // The first page is answered; the other two are in flight (pages after the first go in parallel).
      await until(() => productRequests().length >= 1);
      run.child.kill('SIGTERM');
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.stderr()).toMatch(/stopped by SIGTERM/);
      expect(run.stdout()).toBe('');
    } finally {
      sim.setLatency(0);
    }
    const next = replicate(file, '1h');
    await until(() => /^Total /m.test(next.stdout()));
    next.child.kill('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
    expect(next.stdout()).toMatch(/^Products\s+full\s+\+600 ~0 -0\s+600 rows/m);
  });
});
