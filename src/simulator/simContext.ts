/** The state one running simulator shares between its HTTP handlers. */
import type { FaultInjector } from './faults';
import type { RateLimiter } from './rateLimit';
import type { TokenRegistry } from './TokenRegistry';
import type { ApiReply, ApiRequest, SimRequestLogEntry, SimStoreHooks } from './types';

export interface SimUser {
  id: number;
  username: string;
  email: string;
}

export interface SimContext<Store = unknown> {
  storeHash: string;
  clientId: string;
  clientSecret: string;
  /** The user on the login page and in token responses (also the store owner). */
  user: SimUser;
  password: string;
  accountUuid: string;
  store: Store & SimStoreHooks;
  handleApi(store: Store, req: ApiRequest): ApiReply;
  requiredScope(method: string, path: string): { read: string; write: string } | null;
  tokens: TokenRegistry;
  limiter: RateLimiter;
  faults: FaultInjector;
  latencyMs: number;
  expiringTokens: boolean;
  tokenTtlSeconds: number;
  codeTtlSeconds: number;
  requests: SimRequestLogEntry[];
  logRequests: boolean;
  /** Aborted by close(): sleeping handlers wake up and drop their sockets. */
  closing: AbortSignal;
}
