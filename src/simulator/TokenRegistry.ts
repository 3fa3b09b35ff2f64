/**
 * The simulator's memory of authorization codes, access tokens and refresh tokens. Values are
 * random (crypto) except the one deterministic all-scope token per seed, so a standalone
 * simulator prints the same connection string on every run. Nothing here logs a value.
 */
import { randomId } from './ids';

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string[];
  context: string;
  expiresAt: number;
  used: boolean;
}

export interface TokenInfo {
  scope: ReadonlySet<string>;
  /** ms since epoch; undefined = never expires (BigCommerce's own behaviour). */
  expiresAt?: number;
}

export interface RefreshGrant {
  clientId: string;
  scope: string[];
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  /** Seconds; present only for expiring tokens. */
  expiresIn?: number;
  scope: string[];
}

export class TokenRegistry {
  readonly #codes = new Map<string, CodeGrant>();
  readonly #tokens = new Map<string, TokenInfo>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();

  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  createCode(grant: Omit<CodeGrant, 'used' | 'expiresAt'>, ttlSeconds: number): string {
    const code = randomId(16);
    this.#codes.set(code, { ...grant, used: false, expiresAt: this.#now() + ttlSeconds * 1000 });
    return code;
  }

  /** The grant behind a code if it exists, is unused and unexpired; does not consume it. */
  peekCode(code: string): CodeGrant | undefined {
    const grant = this.#codes.get(code);
    if (!grant || grant.used || grant.expiresAt <= this.#now()) return undefined;
    return grant;
  }

  consumeCode(code: string): void {
    const grant = this.#codes.get(code);
    if (grant) grant.used = true;
  }

  addToken(token: string, scope: Iterable<string>, expiresInSeconds?: number): void {
    this.#tokens.set(token, {
      scope: new Set(scope),
      expiresAt: expiresInSeconds === undefined ? undefined : this.#now() + expiresInSeconds * 1000,
    });
  }

  /** Issues an access token, plus a refresh token when it expires. */
  issue(clientId: string, scope: string[], expiresInSeconds?: number): IssuedTokens {
    const accessToken = randomId(31);
    this.addToken(accessToken, scope, expiresInSeconds);
    if (expiresInSeconds === undefined) return { accessToken, scope };
    const refreshToken = randomId(40);
    this.#refreshTokens.set(refreshToken, { clientId, scope });
    return { accessToken, refreshToken, expiresIn: expiresInSeconds, scope };
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working (rotation). */
  refresh(refreshToken: string, clientId: string, expiresInSeconds: number): IssuedTokens | undefined {
    const grant = this.#refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== clientId) return undefined;
    this.#refreshTokens.delete(refreshToken);
    return this.issue(clientId, grant.scope, expiresInSeconds);
  }

  /** 'ok', or why the token cannot be used. */
  check(
    token: string | undefined,
  ): { ok: true; info: TokenInfo } | { ok: false; reason: 'missing' | 'unknown' | 'expired' } {
    if (!token) return { ok: false, reason: 'missing' };
    const info = this.#tokens.get(token);
    if (!info) return { ok: false, reason: 'unknown' };
    if (info.expiresAt !== undefined && info.expiresAt <= this.#now())
      return { ok: false, reason: 'expired' };
    return { ok: true, info };
  }

  revoke(token: string): boolean {
    const existed = this.#tokens.delete(token);
    return this.#refreshTokens.delete(token) || existed;
  }
}
