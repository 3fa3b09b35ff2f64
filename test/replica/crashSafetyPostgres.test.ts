/**
 * Crash safety of a PostgreSQL replica (a throwaway cluster from Debian's postgresql package):
 * `bcsql replicate --to postgres://…` killed with SIGKILL at 20 moments drawn from a fixed seed
 * while the store keeps changing (crashRuns.ts), then run to the end once. The server rolls back
 * what a killed run left open; the replica must equal a full scan, with no duplicates, losses or
 * orphaned children, and a sync state row per table. Spawns the built CLI (npm run build first).
 */
import { Client } from 'pg';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { killedRuns } from './crashRuns';
import { expectReplicaEqualsScan, replicaKit, type ReplicaKit } from './replicaKit';

// Twenty CLI starts and a PostgreSQL cluster: minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

const TABLES = ['Products', 'ProductVariants', 'Orders', 'OrderItems', 'Customers'];

let pg: PgCluster;
let kit: ReplicaKit;

beforeAll(async () => {
  pg = await startPgCluster();
  kit = await replicaKit({ products: 40, customers: 15, orders: 40, latencyMs: 10 });
});

afterAll(async () => {
  await kit?.close();
  await pg?.stop();
});

async function sql<T = Record<string, unknown>>(text: string): Promise<T[]> {
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('a replicate run into PostgreSQL killed at any moment', () => {
  it('leaves a replica that the next run completes to equal a full scan (20 kill points, fixed seed)', async () => {
    const { killed, last } = await killedRuns(kit, pg.url, TABLES, 21);
    // Most kill points must land inside a run, or the test would prove nothing.
    expect(killed).toBeGreaterThanOrEqual(16);
    expect(last).toEqual({ code: 0, signal: null });

    const schema = `"${kit.sim.storeHash}"`;
    const orphans = await sql<{ n: string }>(
      `SELECT (SELECT count(*) FROM ${schema}."OrderItems" i WHERE NOT EXISTS (SELECT 1 FROM ${schema}."Orders" o WHERE o."Id" = i."OrderId")) +
              (SELECT count(*) FROM ${schema}."ProductVariants" v WHERE NOT EXISTS (SELECT 1 FROM ${schema}."Products" p WHERE p."Id" = v."ProductId")) AS n`,
    );
    expect(Number(orphans[0].n)).toBe(0);
    const states = await sql<{ table_name: string }>(`SELECT table_name FROM ${schema}._bcsql_sync_state`);
    expect(states.map((s) => s.table_name).sort()).toEqual([...TABLES].sort());
    // Nothing a killed run began is still open on the server.
    const open = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'`,
    );
    expect(Number(open[0].n)).toBe(0);

    const live = await kit.connectWith();
    const offline = await kit.connectWith({ CacheConnection: pg.url, Offline: true });
    await expectReplicaEqualsScan(live, offline, TABLES);
  });
});
