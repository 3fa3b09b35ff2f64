/** A replica target from what the user wrote: a postgres:// URL, or else a SQLite file path. */
import * as path from 'node:path';
import type { ConnectionOptions } from '../options/types';
import { SqliteTarget } from './targets/SqliteTarget';
import type { ReplicaTarget } from './targets/types';

export const DEFAULT_REPLICA_FILE = 'bigcommerce.db';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The target a REPLICATE without INTO (or a cached read) uses: CacheConnection, CacheLocation, then bigcommerce.db. */
export function defaultTarget(options: ConnectionOptions): string {
  return options.CacheConnection ?? options.CacheLocation ?? DEFAULT_REPLICA_FILE;
}

export function openTarget(target: string, options: ConnectionOptions, storeHash: string): ReplicaTarget {
  if (isPostgresUrl(target)) {
    // Loaded only for PostgreSQL targets: pg stays out of every other statement's start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PgTarget } = require('./targets/PgTarget') as typeof import('./targets/PgTarget');
    return new PgTarget(target, options.CacheSchema ?? storeHash);
  }
  return new SqliteTarget(path.resolve(target));
}
