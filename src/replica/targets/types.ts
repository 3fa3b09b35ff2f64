/** A replica target: a SQLite file or a PostgreSQL schema holding replicated tables and their sync state. */
import type { SqlValue } from '../../engine/sqlValues';
import type { TableLayout } from '../layout';

/** One row of the sync-state table: how far a table's replica has got. */
export interface SyncState {
  table: string;
  strategy: string;
  /** Largest modification date replicated (ISO 8601 UTC); null for tables read whole. */
  highWater: string | null;
  /** When the last completed sync started (ISO 8601 UTC): the replica is at least this fresh. */
  syncedAt: string;
  /** The replicated columns, comma-separated: a different set means the table is rebuilt. */
  columns: string;
  storeHash: string;
}

/** What one table's sync changes, applied in one transaction together with its new state. */
export interface ChangeSet {
  /** Rows in layout column order, one per primary key. */
  upserts: SqlValue[][];
  /** Primary keys (single-column keys only) of rows deleted at the source. */
  deleteKeys?: (string | number)[];
  /** Every row not in `upserts` is deleted (a table read whole). */
  replaceAll?: boolean;
  /** Child tables: rows under these parent keys that are not in `upserts` are deleted. */
  replaceParents?: (string | number)[];
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface ReplicaTarget {
  /** For messages and QueryResult.servedFrom: the file, or the URL without its password, and schema. */
  readonly description: string;
  /** Creates the sync-state table (and schema) when missing. */
  init(): Promise<void>;
  /** Creates the table, or rebuilds it when its replicated columns changed (its state is then dropped). */
  ensureTable(layout: TableLayout, parent?: TableLayout): Promise<void>;
  states(): Promise<SyncState[]>;
  rowCount(layout: TableLayout): Promise<number>;
  /** How many of these single-column primary keys are present. */
  countKeys(layout: TableLayout, keys: (string | number)[]): Promise<number>;
  /** Every primary key (single-column keys only). */
  keys(layout: TableLayout): Promise<(string | number)[]>;
  /** Parent keys whose `dateColumn` is at or after `since` (all when since is null), and the latest date. */
  /** `extra`: other parent columns a child's path needs, returned per key in `values`. */
  changedParents(
    parent: TableLayout,
    keyColumn: string,
    dateColumn: string | null,
    since: string | null,
    extra?: string[],
  ): Promise<{ keys: (string | number)[]; values: SqlValue[][]; latest: string | null }>;
  apply(layout: TableLayout, change: ChangeSet, state: SyncState, parent?: TableLayout): Promise<ApplyCounts>;
  /** Every row, in layout column order, as the engine stages values (for cached reads and checks). */
  rows(layout: TableLayout): Promise<SqlValue[][]>;
  close(): Promise<void>;
}
