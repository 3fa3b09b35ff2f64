/**
 * Crash safety: `bcsql replicate` is killed with SIGKILL at 20 moments drawn from a fixed seed
 * (while the store keeps changing). A moment is a count of API responses the run has received plus
 * a short delay, not a wall-clock time, so the kills land inside runs on fast and slow machines; then run to the end once; the replica must equal a full scan,
 * with no duplicates or losses, and the SQLite file must pass its integrity check. Spawns the
 * built CLI (npm run build first).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { changeStore, expectReplicaEqualsScan, replicaKit, rng, type ReplicaKit } from './replicaKit';

jest.setTimeout(300_000);

const BCSQL = path.join(__dirname, '..', '..', 'dist', 'cli', 'bcsql.js');
const TABLES = ['Products', 'ProductVariants', 'Orders', 'OrderItems', 'Customers'];

let kit: ReplicaKit;
let dir: string;

beforeAll(async () => {
  kit = await replicaKit({ products: 40, customers: 15, orders: 40, latencyMs: 10 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-crash-'));
});

afterAll(async () => {
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** When to kill a run: after it has received `responses` API responses, plus `delayMs`. */
interface KillPoint {
  responses: number;
  delayMs: number;
}

/** Runs the CLI; kills it at `kill` (if given). Resolves with how it ended. */
function runReplicate(
  file: string,
  kill?: KillPoint,
): Promise<{ code: number | null; signal: string | null }> {
  const conn =
    `AuthScheme=PersonalAccessToken;StoreId=${kit.sim.storeHash};OAuthAccessToken=${kit.sim.accessToken};` +
    `ApiBaseURL=${kit.sim.apiBaseUrl};MaxConcurrentRequests=2`;
  const child = spawn(
    process.execPath,
    [BCSQL, 'replicate', conn, '--to', file, '--tables', TABLES.join(','), '-q'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const start = kit.apiRequests();
  let delay: NodeJS.Timeout | undefined;
  const watch =
    kill === undefined
      ? undefined
      : setInterval(() => {
          if (delay || kit.apiRequests() - start < kill.responses) return;
          delay = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }, 2);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      clearTimeout(delay);
      if (code !== null && code !== 0) reject(new Error(`bcsql replicate failed (${code}): ${stderr}`));
      else resolve({ code, signal });
    });
  });
}

describe('a replicate run killed at any moment', () => {
  it('leaves a replica that the next run completes to equal a full scan (20 kill points, fixed seed)', async () => {
    const file = path.join(dir, 'crash.db');
    const random = rng(20);
    let killed = 0;
    for (let point = 0; point < 20; point++) {
      if (point % 4 === 3) changeStore(kit.sim, random, 1);
      // A run that changes nothing still makes two requests per table, so up to six responses
      // lands inside every run; the delay moves the kill into the apply phase too.
      const kill = { responses: 1 + Math.floor(random() * 6), delayMs: Math.floor(random() * 40) };
      const end = await runReplicate(file, kill);
      if (end.signal === 'SIGKILL') killed++;
    }
    // Most kill points must land inside a run, or the test would prove nothing.
    expect(killed).toBeGreaterThanOrEqual(16);
    changeStore(kit.sim, random, 1);
    expect(await runReplicate(file)).toEqual({ code: 0, signal: null });

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    const live = await kit.connectWith();
    const offline = await kit.connectWith({ CacheLocation: file, Offline: true });
    await expectReplicaEqualsScan(live, offline, TABLES);
  });
});
