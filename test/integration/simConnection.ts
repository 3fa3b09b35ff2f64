/** Shared set-up for the engine's integration tests: a simulator and a connection to it. */
import type { Connection } from '../../src';
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
