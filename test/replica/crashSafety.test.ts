/**
 * Crash safety of a SQLite replica: `bcsql replicate` killed with SIGKILL at 20 moments drawn from
 * a fixed seed while the store keeps changing (crashRuns.ts), then run to the end once; the
 * replica must equal a full scan, with no duplicates or losses, and the file must pass its
 * integrity check. Spawns the built CLI (npm run build first).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { killedRuns } from './crashRuns';
import { expectReplicaEqualsScan, replicaKit, type ReplicaKit } from './replicaKit';

jest.setTimeout(300_000);

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

describe('a replicate run killed at any moment', () => {
  it('leaves a replica that the next run completes to equal a full scan (20 kill points, fixed seed)', async () => {
    const file = path.join(dir, 'crash.db');
    const { killed, last } = await killedRuns(kit, file, TABLES, 20);
    // Most kill points must land inside a run, or the test would prove nothing.
    expect(killed).toBeGreaterThanOrEqual(16);
    expect(last).toEqual({ code: 0, signal: null });

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
