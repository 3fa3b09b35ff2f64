import type { Catalog } from '../catalog/types';
import type { ConnectionOptions } from '../options/types';
import type { AuthSession } from '../auth/types';
import type { RestClient } from '../rest/types';
import type { Logger } from '../log';
import type { ProgressEvent } from '../types';
import type { TableCache } from './replicaHooks';

/** Everything one statement needs while it runs; built by Connection for each query. */
export interface ExecutionContext {
  options: ConnectionOptions;
  catalog: Catalog;
  logger: Logger;
  auth: AuthSession;
  client: RestClient;
  /** Non-fatal notices collected for QueryResult.warnings. */
  warnings: string[];
  signal?: AbortSignal;
  onProgress?: (p: ProgressEvent) => void;
  /** Procedures' secret result columns are masked before the statement sees them. */
  maskSecrets?: boolean;
  /** OAuth-server requests made by procedure handlers (API requests are counted by `client`). */
  oauthRequests: { count: number };
  /** The replica that may answer SELECTs instead of the API (CacheLocation/CacheConnection). */
  cache?: TableCache;
}
