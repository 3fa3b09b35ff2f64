/**
 * Adapts the catalog's system tables (sys_tables, sys_connection_props, …) to what the engine
 * stages. Placeholder until src/catalog/systemTables.ts lands.
 */
import type { Catalog } from '../catalog/types';
import type { ConnectionOptions } from '../connection/types';
import type { SystemTableSource } from './executeSelect';

export function systemTableSources(_catalog: Catalog, _options: ConnectionOptions): SystemTableSource[] {
  return [];
}
