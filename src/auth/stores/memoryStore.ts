/**
 * `memory://<id>` stores: tokens kept in this process only, shared by every connection that names
 * the same id. sys_connection_props reads them with memoryStoreTokens().
 */
import type { ConnectionOptions } from '../../options/types';
import type { OAuthTokens } from '../types';
import type { TokenStore } from './TokenStore';

export const MEMORY_PREFIX = 'memory://';

const slots = new Map<string, OAuthTokens>();
const locks = new Map<string, Promise<unknown>>();

export function isMemoryLocation(location: string | undefined): boolean {
  return !!location && location.toLowerCase().startsWith(MEMORY_PREFIX);
}

function idOf(location: string): string {
  return location.slice(MEMORY_PREFIX.length);
}

/** The tokens a `memory://<id>` location holds now (for sys_connection_props), or undefined. */
export function memoryStoreTokens(location: string): OAuthTokens | undefined {
  const t = slots.get(idOf(location));
  return t ? { ...t } : undefined;
}

/** Forget a memory store (tests; an app signing a user out). */
export function clearMemoryStore(location: string): void {
  slots.delete(idOf(location));
}

export class MemoryTokenStore implements TokenStore {
  readonly location: string;
  readonly #id: string;

  constructor(location: string) {
    this.#id = idOf(location);
    this.location = `${MEMORY_PREFIX}${this.#id}`;
  }

  async read(): Promise<OAuthTokens | undefined> {
    const t = slots.get(this.#id);
    return t ? { ...t } : undefined;
  }

  async update<T>(
    fn: (current: OAuthTokens | undefined) => Promise<{ value: T; save?: OAuthTokens }>,
  ): Promise<T> {
    // Chain on the previous holder so updates of one id run one at a time, like the file lock.
    const previous = locks.get(this.#id) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const { value, save } = await fn(await this.read());
        if (save) slots.set(this.#id, { ...save });
        return value;
      });
    locks.set(this.#id, run);
    try {
      return await run;
    } finally {
      if (locks.get(this.#id) === run) locks.delete(this.#id);
    }
  }
}

/**
 * A memory:// store's values as connection properties, for sys_connection_props to show (it masks
 * the secret ones). Empty when the connection does not use a memory store or it holds nothing.
 */
export function memoryStoreProperties(
  options: Pick<ConnectionOptions, 'InitiateOAuth' | 'OAuthSettingsLocation' | 'StoreId'>,
): Partial<ConnectionOptions> {
  const location = options.OAuthSettingsLocation;
  if (options.InitiateOAuth === 'OFF' || !location || !isMemoryLocation(location)) return {};
  const t = memoryStoreTokens(location);
  if (!t) return {};
  return {
    OAuthAccessToken: t.accessToken,
    OAuthRefreshToken: t.refreshToken,
    OAuthExpiresIn: t.expiresIn ?? -1,
    OAuthTokenTimestamp: t.timestamp,
    ...(options.StoreId || !t.storeHash ? {} : { StoreId: t.storeHash }),
  };
}
