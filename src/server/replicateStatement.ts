/**
 * REPLICATE sent through bcsql serve. It runs on the provider connection into that connection's
 * own replica (CacheLocation or CacheConnection: classifyStatement refuses a target named by the
 * client), answers one row per table with the tag `REPLICATE <tables>`, and is refused where it
 * cannot run: when the server was started without a replica, and inside a transaction block,
 * since it commits table by table and a client's ROLLBACK could not undo that.
 */
import { REPLICATE_FIELDS } from '../engine/replicaHooks';
import { SqlError } from '../errors';
import { fieldOf, oidOfDataType, type PgField } from './protocol/pgTypes';

/** The result columns, known before the statement runs (so Describe does not run it). */
export function replicateFields(): PgField[] {
  return REPLICATE_FIELDS.map((f) => fieldOf(f.name, oidOfDataType(f.dataType)));
}

/** Throws when this REPLICATE cannot run: no replica configured, or a transaction block open. */
export function checkReplicate(hasReplica: boolean, transaction: 'I' | 'T' | 'E'): void {
  if (!hasReplica) {
    throw new SqlError(
      'ERR_REPLICA_UNAVAILABLE',
      'REPLICATE through bcsql serve writes the replica of its connection, and it has none: start bcsql serve with CacheLocation=<file> or CacheConnection=postgres://… in its connection string',
      { sqlState: '0A000' },
    );
  }
  if (transaction !== 'I') {
    throw new SqlError(
      'ERR_NOT_SUPPORTED',
      'REPLICATE cannot run inside a transaction block: it commits each table as it goes; send it after COMMIT or ROLLBACK',
      { sqlState: '25001' },
    );
  }
}
