import type { AuthSession } from '../auth/types';
import type { Logger } from '../log';
import type { ConnectionOptions } from '../options/types';
import type { RestClient } from '../rest/types';

/**
 * What a procedure handler may use of the statement it runs in. Declared here rather than taking
 * the engine's ExecutionContext (which satisfies it) so procedures need nothing of the engine.
 */
export interface ProcedureContext {
  options: ConnectionOptions;
  logger: Logger;
  auth: AuthSession;
  signal?: AbortSignal;
  /** The store's API (requests counted into the statement's requestCount by the client itself). */
  client: RestClient;
  /** OAuth-server requests made by the handler, counted into the statement's requestCount. */
  oauthRequests: { count: number };
  /** Set for statements on behalf of another program (see QueryOptions.maskSecrets). */
  maskSecrets?: boolean;
}
