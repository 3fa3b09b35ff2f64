/**
 * Adapts the catalog's system tables (sys_tables, sys_connection_props, sys_information …) to
 * what the engine stages, supplying the facts only a connection knows: its properties (secrets
 * masked by describeOptions) and the API server and store it talks to.
 */
import Database from 'better-sqlite3';
import { systemTables, type SystemTableEnv } from '../catalog/systemTables';
import type { Catalog } from '../catalog/types';
import { memoryStoreProperties } from '../auth/stores/memoryStore';
import { describeOptions } from '../options/properties';
import type { ConnectionOptions } from '../options/types';
import type { SystemTableSource } from './executeSelect';

let sqliteVersion: string | undefined;

/** The SQLite library that runs the statements, for sys_information. */
export function sqliteLibraryVersion(): string {
  if (!sqliteVersion) {
    const db = new Database(':memory:');
    sqliteVersion = String(db.prepare('SELECT sqlite_version()').pluck().get());
    db.close();
  }
  return sqliteVersion;
}

export function systemTableSources(
  catalog: Catalog,
  options: ConnectionOptions,
  storeHash?: () => string | undefined,
): SystemTableSource[] {
  // Computed only when a statement reads a system table.
  const env = (): SystemTableEnv => ({
    catalog,
    // A memory:// token store's values show as this connection's (secrets masked).
    properties: describeOptions({ ...options, ...memoryStoreProperties(options) }),
    info: {
      SqliteVersion: sqliteLibraryVersion(),
      ApiBaseURL: options.ApiBaseURL,
      StoreId: options.StoreId ?? storeHash?.(),
    },
  });
  return systemTables.map((t) => ({ name: t.name, columns: t.columns, rows: () => t.rows(env()) }));
}
