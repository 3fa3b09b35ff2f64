/**
 * Password checks for the endpoint: SCRAM-SHA-256 (RFC 5802/7677 as PostgreSQL uses it, without
 * channel binding) and MD5. The server keeps only SCRAM's StoredKey/ServerKey for the password,
 * and every comparison is constant-time. Any user name is accepted: there is one password per
 * server.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../../errors';
import {
  authenticationMd5,
  authenticationSasl,
  authenticationSaslContinue,
  authenticationSaslFinal,
} from './backendMessages';
import { readPassword, readSaslInitial, readSaslResponse } from './frontendMessages';

export type AuthMethod = 'scram-sha-256' | 'md5';

export interface AuthExchange {
  /** The first authentication request to send. */
  begin(): Buffer;
  /** Handles one PasswordMessage-family body; `done` when the password was verified. Throws AuthError. */
  step(body: Buffer): { reply: Buffer[]; done: boolean };
}

/** What the server keeps about its password. */
export interface PasswordVerifier {
  scram: { salt: Buffer; iterations: number; storedKey: Buffer; serverKey: Buffer };
  /** Only with MD5, which needs the password itself (hashed with each user name). */
  md5Password?: string;
}

const ITERATIONS = 4096;
const MECHANISM = 'SCRAM-SHA-256';

export function passwordVerifier(password: string, method: AuthMethod): PasswordVerifier {
  const salt = randomBytes(16);
  // SASLprep is the identity for ASCII; NFKC covers what it does to common non-ASCII passwords.
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return {
    scram: {
      salt,
      iterations: ITERATIONS,
      storedKey: sha256(clientKey),
      serverKey: hmac(salted, 'Server Key'),
    },
    ...(method === 'md5' ? { md5Password: password } : {}),
  };
}

export function createAuthExchange(
  method: AuthMethod,
  verifier: PasswordVerifier,
  user: string,
): AuthExchange {
  return method === 'md5' ? md5Exchange(verifier, user) : scramExchange(verifier, user);
}

function failed(user: string): AuthError {
  return new AuthError('ERR_AUTH_FAILED', `password authentication failed for user "${user}"`, {
    sqlState: '28P01',
  });
}

function scramExchange(verifier: PasswordVerifier, user: string): AuthExchange {
  const { salt, iterations, storedKey, serverKey } = verifier.scram;
  let state: 'first' | 'final' | 'done' = 'first';
  let gs2Header = '';
  let clientFirstBare = '';
  let serverFirst = '';
  let nonce = '';
  return {
    begin: () => authenticationSasl([MECHANISM]),
    step(body) {
      if (state === 'first') {
        const { mechanism, data } = readSaslInitial(body);
        if (mechanism !== MECHANISM) throw failed(user);
        const m = /^([ny]),(?:a=[^,]*)?,(.*)$/.exec(data);
        if (!m) {
          throw new AuthError('ERR_AUTH_FAILED', 'malformed SCRAM client-first message (channel binding is not supported)', { sqlState: '08P01' }); // prettier-ignore
        }
        gs2Header = data.slice(0, data.length - m[2].length);
        clientFirstBare = m[2];
        const clientNonce = attribute(clientFirstBare, 'r');
        if (!clientNonce) throw failed(user);
        nonce = clientNonce + randomBytes(18).toString('base64');
        serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${iterations}`;
        state = 'final';
        return { reply: [authenticationSaslContinue(serverFirst)], done: false };
      }
      if (state !== 'final') throw failed(user);
      state = 'done';
      const clientFinal = readSaslResponse(body);
      const proofAt = clientFinal.lastIndexOf(',p=');
      if (proofAt < 0) throw failed(user);
      const withoutProof = clientFinal.slice(0, proofAt);
      const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
      if (
        attribute(withoutProof, 'c') !== Buffer.from(gs2Header).toString('base64') ||
        attribute(withoutProof, 'r') !== nonce ||
        proof.length !== storedKey.length
      ) {
        throw failed(user);
      }
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = hmac(storedKey, authMessage);
      const clientKey = Buffer.alloc(proof.length);
      for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ signature[i];
      if (!timingSafeEqual(sha256(clientKey), storedKey)) throw failed(user);
      const serverSignature = hmac(serverKey, authMessage).toString('base64');
      return { reply: [authenticationSaslFinal(`v=${serverSignature}`)], done: true };
    },
  };
}

function md5Exchange(verifier: PasswordVerifier, user: string): AuthExchange {
  const salt = randomBytes(4);
  return {
    begin: () => authenticationMd5(salt),
    step(body) {
      const sent = Buffer.from(readPassword(body), 'utf8');
      const inner = md5Hex((verifier.md5Password ?? '') + user);
      const expected = Buffer.from(`md5${md5Hex(Buffer.concat([Buffer.from(inner), salt]))}`, 'utf8');
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw failed(user);
      return { reply: [], done: true };
    },
  };
}

/** `name=value` from a comma-separated SCRAM attribute list. */
function attribute(list: string, name: string): string | undefined {
  for (const part of list.split(',')) if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  return undefined;
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
