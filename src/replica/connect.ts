/** connect() with the replica wired in: REPLICATE statements and the cache properties (AutoCache, Offline …) work. */
import { Connection } from '../connection/Connection';
import { createReplica } from './createReplica';

export async function connect(input: string | Record<string, unknown>): Promise<Connection> {
  return Connection.connect(input, { replica: createReplica });
}
