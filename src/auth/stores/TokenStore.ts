import type { OAuthTokens } from '../types';

/** Where InitiateOAuth keeps tokens between connections: a settings file or a memory:// slot. */
export interface TokenStore {
  /** The file path or `memory://<id>`; names the store in messages and keys in-process single-flight. */
  readonly location: string;
  /** The stored tokens, or undefined when nothing is stored yet. Throws ERR_SETTINGS_FILE for an unusable file. */
  read(): Promise<OAuthTokens | undefined>;
  /**
   * Under the store's lock (across processes for a file): reads the current value, lets `fn`
   * decide, and saves `save` when fn returns one. Anything fn throws leaves the store unchanged.
   */
  update<T>(fn: (current: OAuthTokens | undefined) => Promise<{ value: T; save?: OAuthTokens }>): Promise<T>;
}
