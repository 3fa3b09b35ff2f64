/**
 * Shared set-up for the replica tests: a simulator whose data changes between syncs (creates,
 * modifications and deletions in v2 and v3 tables), connections through the public connect(),
 * and the check that matters: every replicated table, read back from the replica with Offline,
 * equals a fresh full scan of the API.
 */
import type { Connection } from '../../src';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import type { Simulator, SimulatorOptions } from '../../src/simulator';
import { mulberry32 } from '../../src/simulator/seed';
import type { MutableResource } from '../../src/simulator/store';
import { simKit, type SimKit } from '../helpers/simKit';

export interface ReplicaKit extends Omit<SimKit, 'apiRequests'> {
  /** API requests the simulator received since the last sim.resetRequests(). */
  apiRequests(): number;
}

export async function replicaKit(opts: SimulatorOptions = {}): Promise<ReplicaKit> {
  const kit = await simKit({ products: 15, customers: 10, orders: 15, ...opts });
  return { ...kit, apiRequests: () => kit.apiRequests().length };
}

/** A deterministic generator, so a failing run can be replayed. */
export const rng = mulberry32;

/**
 * Changes the store as a live one changes between two syncs: in products and customers (v3) and
 * orders (v2), `n` records are modified, one is created and one deleted (chosen by `random`).
 * `at` stamps the changes with one moment (to put several in the same second).
 */
export function changeStore(sim: Simulator, random: () => number, n = 2, at?: number): void {
  for (const resource of ['products', 'customers', 'orders'] as MutableResource[]) {
    const pick = () => {
      const ids = sim.store.ids(resource);
      return ids[Math.floor(random() * ids.length)];
    };
    for (let i = 0; i < n; i++) sim.store.mutate({ resource, action: 'modify', id: pick(), at });
    sim.store.mutate({ resource, action: 'append', at });
    sim.store.mutate({ resource, action: 'delete', id: pick() });
  }
}

const catalog = loadCatalog();

/** JSON columns are compared as values: PostgreSQL's jsonb keeps no key order or spacing. */
function comparable(result: {
  rows: Record<string, unknown>[];
  fields: { name: string; dataType: string }[];
}) {
  const json = result.fields.filter((f) => f.dataType === 'json').map((f) => f.name);
  return result.rows.map((r) => {
    const out = { ...r };
    for (const k of json) if (typeof out[k] === 'string') out[k] = JSON.parse(out[k] as string);
    return out;
  });
}

/**
 * Each table read from the replica (Offline, so only the replica answers) and from the API
 * (a connection without a cache), in primary-key order; returns the tables compared.
 */
export async function expectReplicaEqualsScan(
  live: Connection,
  offline: Connection,
  tables: string[],
): Promise<void> {
  for (const name of tables) {
    const def = catalog.findTable(name)!;
    const sql = `SELECT * FROM ${def.name} ORDER BY ${def.primaryKey.join(', ')}`;
    const fromApi = await live.query(sql);
    const fromReplica = await offline.query(sql);
    expect(fromReplica.servedFrom).toBeDefined();
    expect(fromReplica.requestCount).toBe(0);
    expect({ table: name, rows: comparable(fromReplica) }).toEqual({
      table: name,
      rows: comparable(fromApi),
    });
  }
}

/** Every table REPLICATE ALL copies (the catalog's, not a list kept here). */
export function replicatedTables(result: { rows: Record<string, unknown>[] }): string[] {
  return result.rows.map((r) => String(r.Table));
}
