/**
 * What the engine and the Connection need from a replica (the store kept in a local SQLite file or
 * in PostgreSQL), as interfaces only: the implementation lives above them (src/replica) and is
 * handed to Connection.connect(), so no lower layer imports it.
 */
import type { ConnectionOptions } from '../options/types';
import type { FieldInfo } from '../types';
import type { ReplicateStatement } from '../sql/types';
import type { EngineResult } from './rowShape';
import type { ExecutionContext } from './context';
import type { Staging } from './stage';

/** The columns REPLICATE answers: one row per table synced. */
export const REPLICATE_FIELDS: readonly FieldInfo[] = [
  { name: 'Table', dataType: 'string' },
  { name: 'Mode', dataType: 'string' },
  { name: 'Inserted', dataType: 'integer' },
  { name: 'Updated', dataType: 'integer' },
  { name: 'Deleted', dataType: 'integer' },
  { name: 'Rows', dataType: 'integer' },
  { name: 'Requests', dataType: 'integer' },
  { name: 'Seconds', dataType: 'decimal' },
];

/** Replicated rows ready for SQLite to run a SELECT over, with zero API requests. */
export interface CachedTables {
  staging: Staging;
  /** Where the rows came from and how old they are, for QueryResult.servedFrom and logs. */
  servedFrom: string;
}

/** Whether the replica would answer a statement, without syncing or reading it (for EXPLAIN). */
export interface CachePlan {
  servedFrom: string;
  /** Tables AutoCache would sync first (older than CacheTolerance): those cost requests. */
  syncFirst: string[];
}

export interface TableCache {
  /**
   * The replicated rows of `tables` (catalog names), after syncing them first when AutoCache finds
   * them older than CacheTolerance; undefined to read the API instead. With Offline it never
   * returns undefined: a table that cannot be served is an error.
   */
  open(ctx: ExecutionContext, tables: string[]): Promise<CachedTables | undefined>;
  /** What open() would do, with no request and no read: undefined when the API would answer. */
  peek(ctx: ExecutionContext, tables: string[]): Promise<CachePlan | undefined>;
  /**
   * This connection wrote to `tables`: the replica no longer holds what the store holds, so
   * AutoCache syncs them before its next read however young their last sync is.
   */
  changed(tables: string[]): void;
}

/** A connection's replica: runs REPLICATE statements and serves cached reads. */
export interface ReplicaHooks {
  /** Set when CacheLocation or CacheConnection is. */
  cache?: TableCache;
  replicate(ctx: ExecutionContext, stmt: ReplicateStatement): Promise<EngineResult>;
  close(): Promise<void>;
}

export type ReplicaFactory = (options: ConnectionOptions) => ReplicaHooks;
