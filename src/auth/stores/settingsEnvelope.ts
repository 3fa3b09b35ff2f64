/**
 * The settings file's bytes: a JSON envelope around the tokens encrypted with AES-256-GCM under a
 * key derived by scrypt from OAuthClientSecret and a random salt kept in the envelope. The file is
 * useless without the app's secret and can be carried to another machine that has it.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { OAuthTokens } from '../types';

export const ENVELOPE_FORMAT = 'bigcommerce-sql/oauth-settings';
export const ENVELOPE_VERSION = 1;

export interface SettingsEnvelope {
  format: typeof ENVELOPE_FORMAT;
  version: number;
  kdf: 'scrypt';
  /** scrypt cost parameters. */
  N: number;
  r: number;
  p: number;
  /** base64, 16 random bytes. */
  salt: string;
  cipher: 'aes-256-gcm';
  /** base64, 12 random bytes. */
  iv: string;
  /** base64, 16-byte GCM authentication tag. */
  tag: string;
  /** base64 of the encrypted JSON payload (SettingsPayload). */
  ciphertext: string;
}

/** The decrypted payload, named like the connection properties it stands in for. */
export interface SettingsPayload {
  OAuthAccessToken: string;
  OAuthRefreshToken?: string;
  OAuthExpiresIn?: number;
  OAuthTokenTimestamp: number;
  Scope?: string;
  StoreId?: string;
  AccountUuid?: string;
  UserEmail?: string;
}

/** Why bytes could not be turned back into tokens; the store turns this into ERR_SETTINGS_FILE. */
export class EnvelopeProblem extends Error {
  constructor(readonly reason: 'not-envelope' | 'unsupported-version' | 'cannot-decrypt' | 'bad-payload') {
    super(reason);
  }
}

const COST = { N: 16384, r: 8, p: 1 };
// Associated data binds the ciphertext to this format, so a payload cannot be moved into another envelope kind.
const AAD = Buffer.from(`${ENVELOPE_FORMAT}/v${ENVELOPE_VERSION}`);
const keyCache = new Map<string, Buffer>();

function deriveKey(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const cacheKey = `${salt.toString('base64')}|${cost.N}|${cost.r}|${cost.p}|${secret}`;
  const hit = keyCache.get(cacheKey);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) => {
      if (err) return reject(err);
      if (keyCache.size > 32) keyCache.clear();
      keyCache.set(cacheKey, key);
      resolve(key);
    });
  });
}

export async function sealTokens(tokens: OAuthTokens, secret: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(secret, salt, COST);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(toPayload(tokens)), 'utf8'),
    cipher.final(),
  ]);
  const envelope: SettingsEnvelope = {
    format: ENVELOPE_FORMAT,
    version: ENVELOPE_VERSION,
    kdf: 'scrypt',
    ...COST,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export async function openTokens(text: string, secret: string): Promise<OAuthTokens> {
  let env: SettingsEnvelope;
  try {
    env = JSON.parse(text) as SettingsEnvelope;
  } catch {
    throw new EnvelopeProblem('not-envelope');
  }
  if (!env || typeof env !== 'object' || env.format !== ENVELOPE_FORMAT)
    throw new EnvelopeProblem('not-envelope');
  if (env.version !== ENVELOPE_VERSION || env.kdf !== 'scrypt' || env.cipher !== 'aes-256-gcm') {
    throw new EnvelopeProblem('unsupported-version');
  }
  const cost = { N: env.N, r: env.r, p: env.p };
  const sane = (n: unknown, lo: number, hi: number) =>
    Number.isInteger(n) && (n as number) >= lo && (n as number) <= hi;
  if (
    !sane(cost.N, 1024, 1 << 20) ||
    (cost.N & (cost.N - 1)) !== 0 ||
    !sane(cost.r, 1, 32) ||
    !sane(cost.p, 1, 16)
  ) {
    throw new EnvelopeProblem('not-envelope');
  }
  const b64 = (s: unknown, len?: number) => {
    if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new EnvelopeProblem('not-envelope');
    const buf = Buffer.from(s, 'base64');
    if (len !== undefined && buf.length !== len) throw new EnvelopeProblem('not-envelope');
    return buf;
  };
  const salt = b64(env.salt, 16);
  const iv = b64(env.iv, 12);
  const tag = b64(env.tag, 16);
  const ciphertext = b64(env.ciphertext);
  const key = await deriveKey(secret, salt, cost);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new EnvelopeProblem('cannot-decrypt');
  }
  return fromPayload(plain);
}

function toPayload(t: OAuthTokens): SettingsPayload {
  return {
    OAuthAccessToken: t.accessToken,
    OAuthRefreshToken: t.refreshToken,
    OAuthExpiresIn: t.expiresIn,
    OAuthTokenTimestamp: t.timestamp,
    Scope: t.scope,
    StoreId: t.storeHash,
    AccountUuid: t.accountUuid,
    UserEmail: t.userEmail,
  };
}

function fromPayload(plain: string): OAuthTokens {
  let p: SettingsPayload;
  try {
    p = JSON.parse(plain) as SettingsPayload;
  } catch {
    throw new EnvelopeProblem('bad-payload');
  }
  if (!p || typeof p.OAuthAccessToken !== 'string' || typeof p.OAuthTokenTimestamp !== 'number') {
    throw new EnvelopeProblem('bad-payload');
  }
  return {
    accessToken: p.OAuthAccessToken,
    refreshToken: p.OAuthRefreshToken,
    expiresIn: p.OAuthExpiresIn,
    timestamp: p.OAuthTokenTimestamp,
    scope: p.Scope,
    storeHash: p.StoreId,
    accountUuid: p.AccountUuid,
    userEmail: p.UserEmail,
  };
}
