/**
 * The settings file (OAuthSettingsLocation): an encrypted envelope (settingsEnvelope.ts), written
 * atomically with mode 0600 in a folder created on demand. Writers, and refreshes across
 * processes, serialise on a proper-lockfile lock next to the file. A file that cannot be read
 * back is reported, never overwritten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { AuthError } from '../../errors';
import type { Logger } from '../../log';
import type { OAuthTokens } from '../types';
import { EnvelopeProblem, openTokens, sealTokens } from './settingsEnvelope';
import type { TokenStore } from './TokenStore';

export class FileTokenStore implements TokenStore {
  readonly location: string;
  readonly #secret: string;
  readonly #logger: Logger;
  /** How long to wait for another process's lock (ms): a refresh there may take a whole HTTP timeout. */
  readonly #lockWaitMs: number;

  constructor(file: string, secret: string, logger: Logger, lockWaitMs = 70_000) {
    this.location = path.resolve(file);
    this.#secret = secret;
    this.#logger = logger;
    this.#lockWaitMs = lockWaitMs;
  }

  async read(): Promise<OAuthTokens | undefined> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.location, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      throw new AuthError(
        'ERR_SETTINGS_FILE',
        `Cannot read the OAuth settings file ${this.location} (${code}); fix its permissions or set ` +
          'OAuthSettingsLocation to a file you can read and write',
        { file: this.location },
      );
    }
    try {
      return await openTokens(text, this.#secret);
    } catch (err) {
      if (err instanceof EnvelopeProblem) throw this.#problem(err);
      throw err;
    }
  }

  async update<T>(
    fn: (current: OAuthTokens | undefined) => Promise<{ value: T; save?: OAuthTokens }>,
  ): Promise<T> {
    await fs.promises
      .mkdir(path.dirname(this.location), { recursive: true, mode: 0o700 })
      .catch((err: NodeJS.ErrnoException) => {
        throw this.#cannotWrite(err);
      });
    const release = await this.#lock();
    try {
      const { value, save } = await fn(await this.read());
      if (save) {
        const text = await sealTokens(save, this.#secret);
        await writeFileAtomic(this.location, text, { mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
          throw this.#cannotWrite(err);
        });
        this.#logger.log(2, `OAuth: saved the token to ${this.location}`);
      }
      return value;
    } finally {
      await release().catch(() => undefined);
    }
  }

  #cannotWrite(err: NodeJS.ErrnoException): AuthError {
    return new AuthError(
      'ERR_SETTINGS_FILE',
      `Cannot write the OAuth settings file ${this.location} (${err.code ?? 'write failed'}); fix the permissions of ` +
        'its folder, or set OAuthSettingsLocation to a file you can write',
      { file: this.location },
    );
  }

  /**
   * Waits only while another process holds the lock (ELOCKED); anything else (a folder it cannot
   * write, a `.lock` that is not a lock folder) is reported at once with the OS reason.
   */
  async #lock(): Promise<() => Promise<void>> {
    const deadline = Date.now() + this.#lockWaitMs;
    for (;;) {
      await this.#checkLockPath();
      try {
        return await lockfile.lock(this.location, {
          realpath: false,
          stale: 15_000,
          update: 5_000,
          retries: 0,
          // The default throws from a timer, which would crash the process; a lost lock only risks a double refresh.
          onCompromised: (err) =>
            this.#logger.log(1, `OAuth: lock on ${this.location} was compromised: ${err.message}`),
        });
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code !== 'ELOCKED') throw this.#cannotLock(e.code, e.message);
        if (Date.now() >= deadline) throw this.#stillLocked();
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 150));
      }
    }
  }

  /** A regular file where the lock folder goes looks held forever to proper-lockfile. */
  async #checkLockPath(): Promise<void> {
    const lockPath = `${this.location}.lock`;
    const stat = await fs.promises.lstat(lockPath).catch(() => undefined);
    if (stat && !stat.isDirectory()) {
      throw this.#cannotLock(
        'ENOTDIR',
        `${lockPath} is a file, not the lock folder bigcommerce-sql creates`,
        lockPath,
      );
    }
  }

  #cannotLock(code: string | undefined, reason: string, remove?: string): AuthError {
    return new AuthError(
      'ERR_SETTINGS_FILE',
      `Cannot lock the OAuth settings file ${this.location} (${code ?? 'lock failed'}: ${reason}); ` +
        (remove
          ? `delete ${remove}, or set OAuthSettingsLocation to another file`
          : 'fix the permissions of its folder, or set OAuthSettingsLocation to a file in a folder you can write'),
      { file: this.location, cause: code },
    );
  }

  #stillLocked(): AuthError {
    return new AuthError(
      'ERR_SETTINGS_LOCKED',
      `Another process kept the OAuth settings file ${this.location} locked for over ${Math.round(this.#lockWaitMs / 1000)} s ` +
        `(ELOCKED); try again, or delete ${this.location}.lock if no other process is running`,
      { file: this.location },
    );
  }

  #problem(p: EnvelopeProblem): AuthError {
    const recover = `Delete ${this.location} to sign in again, or point OAuthSettingsLocation at another file; it was left untouched.`;
    const messages: Record<EnvelopeProblem['reason'], string> = {
      'not-envelope': `The OAuth settings file ${this.location} is not a bigcommerce-sql settings file (it is truncated, corrupt, or belongs to another program). ${recover}`,
      'unsupported-version': `The OAuth settings file ${this.location} was written by a newer version of bigcommerce-sql. Upgrade, or: ${recover}`,
      'cannot-decrypt': `The OAuth settings file ${this.location} cannot be decrypted with this OAuthClientSecret: it was saved with another app's secret, or it was altered. Set OAuthClientSecret to the secret used when it was saved, or: ${recover}`,
      'bad-payload': `The OAuth settings file ${this.location} decrypted but holds no usable token. ${recover}`,
    };
    return new AuthError('ERR_SETTINGS_FILE', messages[p.reason], { file: this.location, reason: p.reason });
  }
}
