/** Shapes shared by every layer of the pipeline. */

/** Column types used by table/procedure definitions and in result `fields`. */
export type DataType = 'string' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'json';

export interface FieldInfo {
  name: string;
  dataType: DataType;
}

export type Row = Record<string, unknown>;

/** What `Connection.query()` returns (node-postgres style). */
export interface QueryResult<R = Row> {
  command: 'SELECT' | 'EXEC' | 'EXPLAIN' | 'REPLICATE' | 'INSERT' | 'UPDATE' | 'DELETE' | 'UPSERT';
  /** A write's rows are those of its RETURNING clause (none without it). */
  rows: R[];
  fields: FieldInfo[];
  /** Rows returned; for INSERT/UPDATE/DELETE/UPSERT, rows written. */
  rowCount: number;
  /** Non-fatal notices (fan-out bounded, data moved during a scan, …). */
  warnings: string[];
  /** HTTP requests the statement made to BigCommerce (API + OAuth). */
  requestCount: number;
  /** Set when the rows came from the replica, not the API: which one and how fresh it was. */
  servedFrom?: string;
}

/** `?` placeholders take an array; `@name` placeholders take an object keyed by name (no `@`). */
export type QueryParams = unknown[] | Record<string, unknown>;

/** Everything that can stop a statement early (Ctrl-C in the shell, a client disconnect). */
export interface QueryOptions {
  signal?: AbortSignal;
  /** Called as pages arrive, for progress bars. */
  onProgress?: (p: ProgressEvent) => void;
  /**
   * 'array': each row is an array of values in column order, as in node-postgres. Object rows
   * (the default) have one key per column name, so when two columns share a name
   * (`SELECT p.Id, v.Id …`) the last one's value wins; array rows keep every value.
   */
  rowMode?: 'array';
  /**
   * For statements on behalf of another program (bcsql serve, the MCP server): procedures' secret
   * result columns (access and refresh tokens) reach the statement already replaced by the mask,
   * so no expression over them (`upper(…)`, `||`, a CTE, a join) can return the token. Such
   * statements cannot make the provider read its own machine's files either (CreateBrandImage's
   * ImagePath), or a client of the server could upload any file the server can read.
   */
  maskSecrets?: boolean;
}

export interface ProgressEvent {
  table: string;
  pagesFetched: number;
  pagesTotal: number | null;
  rowsFetched: number;
  rowsTotal: number | null;
  /** Milliseconds the pacer is waiting for the rate-limit window, when it is waiting. */
  rateLimitWaitMs?: number;
}
