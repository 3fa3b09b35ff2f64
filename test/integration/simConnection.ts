/** Shared set-up for the engine's integration tests: a simulator and a connection to it. */
import type { Connection } from '../../src';
import type { TableDef } from '../../src/catalog/types';
import type { Simulator } from '../../src/simulator';
import { simKit, type SimKit } from '../helpers/simKit';

export interface SimSetup extends SimKit {
  conn: Connection;
}

export async function simSetup(
  store: { products?: number; customers?: number; orders?: number; seed?: number } = {},
  props: Record<string, unknown> = {},
): Promise<SimSetup> {
  const kit = await simKit(store, props);
  return { ...kit, conn: await kit.connectWith() };
}

/**
 * The WHERE a table needs to answer at all: a lookup-only table (AbandonedCarts) is read by its
 * key, here the tokens the store's abandoned-cart emails would carry; other tables need none.
 */
export function requiredWhere(sim: Simulator, def: TableDef): string {
  if (!def.lookup) return '';
  const column = def.lookup.column;
  const keys = (sim.store.extras.rows(def.name) ?? []).map((r) => `'${String(r.parent![column])}'`);
  return ` WHERE ${column} IN (${keys.join(', ')})`;
}
