/**
 * Incremental sync into a real PostgreSQL (a throwaway cluster from Debian's postgresql package):
 * the replica equals a full scan after every sync while the store changes; tables have the
 * provider's names with numeric, timestamptz and jsonb columns, primary and foreign keys; two
 * stores share one database in a schema each.
 */
import { Client } from 'pg';
import { startSimulator } from '../../src/simulator';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import {
  changeStore,
  expectReplicaEqualsScan,
  replicaKit,
  replicatedTables,
  rng,
  type ReplicaKit,
} from './replicaKit';

jest.setTimeout(180_000);

let pg: PgCluster;
let kit: ReplicaKit;

beforeAll(async () => {
  pg = await startPgCluster();
  kit = await replicaKit();
});

afterAll(async () => {
  await kit?.close();
  await pg?.stop();
});

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('REPLICATE into PostgreSQL', () => {
  it('keeps every table equal to a full scan while the store changes', async () => {
    const conn = await kit.connectWith();
    const offline = await kit.connectWith({ CacheConnection: pg.url, Offline: true });
    const random = rng(7);
    const first = await conn.query(`REPLICATE INTO '${pg.url}' ALL`);
    const tables = replicatedTables(first);
    await expectReplicaEqualsScan(conn, offline, tables);
    for (let round = 0; round < 2; round++) {
      changeStore(kit.sim, random);
      const again = await conn.query(`REPLICATE INTO '${pg.url}' ALL`);
      const byTable = Object.fromEntries(again.rows.map((r) => [r.Table, r]));
      expect(byTable.Products.Mode).toBe('incremental');
      expect(byTable.Orders.Deleted).toBe(1);
      await expectReplicaEqualsScan(conn, offline, tables);
    }
    const state = await sql<{ table_name: string; high_water: Date | null }>(
      `SELECT table_name, high_water FROM "${kit.sim.storeHash}"._bcsql_sync_state ORDER BY table_name`,
    );
    expect(state.map((s) => s.table_name).sort()).toEqual([...tables].sort());
    expect(state.find((s) => s.table_name === 'Orders')!.high_water).toBeInstanceOf(Date);
  });

  it('gives tables numeric money, timestamptz dates, jsonb JSON, primary keys and a foreign key to the parent', async () => {
    const schema = kit.sim.storeHash;
    const types = await sql<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1`,
      [schema],
    );
    const typeOf = (t: string, c: string) =>
      types.find((x) => x.table_name === t && x.column_name === c)?.data_type;
    expect(typeOf('Orders', 'TotalIncTax')).toBe('numeric');
    expect(typeOf('Orders', 'DateCreated')).toBe('timestamp with time zone');
    expect(typeOf('Products', 'Id')).toBe('bigint');
    expect(typeOf('Products', 'IsVisible')).toBe('boolean');
    expect(types.some((x) => x.data_type === 'jsonb')).toBe(true);
    const keys = await sql<{ table_name: string; constraint_type: string }>(
      `SELECT table_name, constraint_type FROM information_schema.table_constraints WHERE table_schema = $1`,
      [schema],
    );
    expect(keys).toContainEqual({ table_name: 'Products', constraint_type: 'PRIMARY KEY' });
    expect(keys).toContainEqual({ table_name: 'OrderItems', constraint_type: 'FOREIGN KEY' });
    const [{ n }] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}"."OrderItems" i LEFT JOIN "${schema}"."Orders" o ON o."Id" = i."OrderId" WHERE o."Id" IS NULL`,
    );
    expect(Number(n)).toBe(0);
  });

  it('puts a second store in a schema of its own in the same database (named by --schema or the store hash)', async () => {
    const other = await startSimulator({ rateLimit: false, products: 5, customers: 3, orders: 4, seed: 99 });
    try {
      const { connect } = await import('../../src');
      const conn = await connect({
        AuthScheme: 'PersonalAccessToken',
        StoreId: other.storeHash,
        OAuthAccessToken: other.accessToken,
        ApiBaseURL: other.apiBaseUrl,
        CacheSchema: 'agency_store_2',
      });
      await conn.query(`REPLICATE INTO '${pg.url}' TABLES (Products, Orders)`);
      await conn.close();
      const [{ a }] = await sql<{ a: string }>(`SELECT count(*) AS a FROM agency_store_2."Products"`);
      const [{ b }] = await sql<{ b: string }>(`SELECT count(*) AS b FROM "${kit.sim.storeHash}"."Products"`);
      expect(Number(a)).toBe(5);
      expect(Number(b)).toBe(kit.sim.store.ids('products').length);
    } finally {
      await other.close();
    }
  });
});
