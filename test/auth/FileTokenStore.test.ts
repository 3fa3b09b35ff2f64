import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import type { OAuthTokens } from '../../src/auth/types';
import { nullLogger } from '../../src/log';

const SECRET = 'the-client-secret-0001';
const TOKENS: OAuthTokens = {
  accessToken: 'access-token-AAAA1111',
  refreshToken: 'refresh-token-RRRR2222',
  expiresIn: 3600,
  timestamp: 1_700_000_000_000,
  scope: 'store_v2_products',
  storeHash: 'abc123',
  accountUuid: 'uuid-1',
  userEmail: 'user@example.com',
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const save = (store: FileTokenStore, t: OAuthTokens) =>
  store.update(async () => ({ value: undefined, save: t }));

function expectNoSecrets(err: unknown) {
  const text = `${(err as Error).message} ${JSON.stringify(err)}`;
  for (const s of [SECRET, TOKENS.accessToken, TOKENS.refreshToken as string]) expect(text).not.toContain(s);
}

describe('FileTokenStore', () => {
  it('reads nothing from a file that does not exist yet', async () => {
    expect(await new FileTokenStore(path.join(dir, 'none.txt'), SECRET, nullLogger).read()).toBeUndefined();
  });

  it('saves and reads back the tokens, creating missing folders', async () => {
    const file = path.join(dir, 'a', 'b', 'OAuthSettings.txt');
    const store = new FileTokenStore(file, SECRET, nullLogger);
    await save(store, TOKENS);
    expect(await new FileTokenStore(file, SECRET, nullLogger).read()).toEqual(TOKENS);
  });

  it('writes the file with mode 0600', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    await save(new FileTokenStore(file, SECRET, nullLogger), TOKENS);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('makes a file that already existed with wider permissions mode 0600 when it saves', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    await save(new FileTokenStore(file, SECRET, nullLogger), TOKENS);
    fs.chmodSync(file, 0o644);
    await save(new FileTokenStore(file, SECRET, nullLogger), { ...TOKENS, accessToken: 'next-token-3333' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces the file atomically (a new file renamed over the old one), leaving no temporary files', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    const store = new FileTokenStore(file, SECRET, nullLogger);
    await save(store, TOKENS);
    const before = fs.statSync(file).ino;
    await save(store, { ...TOKENS, accessToken: 'next-token-4444' });
    // Writing in place would keep the inode, and a reader could see the file half-written.
    expect(fs.statSync(file).ino).not.toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['OAuthSettings.txt']);
    expect((await store.read())?.accessToken).toBe('next-token-4444');
  });

  it('creates a missing folder that only its owner can enter', async () => {
    const folder = path.join(dir, 'fresh');
    await save(new FileTokenStore(path.join(folder, 'OAuthSettings.txt'), SECRET, nullLogger), TOKENS);
    expect(fs.statSync(folder).mode & 0o077).toBe(0);
  });

  it('keeps the tokens encrypted: the file bytes contain neither token nor the secret', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    await save(new FileTokenStore(file, SECRET, nullLogger), TOKENS);
    const bytes = fs.readFileSync(file);
    for (const s of [
      TOKENS.accessToken,
      TOKENS.refreshToken as string,
      SECRET,
      'abc123',
      'user@example.com',
    ]) {
      expect(bytes.includes(Buffer.from(s))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(s).toString('base64')))).toBe(false);
    }
    const envelope = JSON.parse(bytes.toString('utf8'));
    expect(envelope).toMatchObject({
      format: 'bigcommerce-sql/oauth-settings',
      version: 1,
      kdf: 'scrypt',
      cipher: 'aes-256-gcm',
    });
    expect(Object.keys(envelope).sort()).toEqual(
      ['N', 'cipher', 'ciphertext', 'format', 'iv', 'kdf', 'p', 'r', 'salt', 'tag', 'version'].sort(),
    );
  });

  it('uses a fresh salt and IV on every save', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    const store = new FileTokenStore(file, SECRET, nullLogger);
    await save(store, TOKENS);
    const first = JSON.parse(fs.readFileSync(file, 'utf8'));
    await save(store, TOKENS);
    const second = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(second.salt).not.toBe(first.salt);
    expect(second.iv).not.toBe(first.iv);
  });

  it('rejects a file saved with another client secret (ERR_SETTINGS_FILE naming the file and the fixes)', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    await save(new FileTokenStore(file, SECRET, nullLogger), TOKENS);
    const err = await new FileTokenStore(file, 'another-secret-9999', nullLogger).read().catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_SETTINGS_FILE', file, reason: 'cannot-decrypt' });
    expect(err.message).toContain(file);
    expect(err.message).toContain('OAuthClientSecret');
    expect(err.message).toContain('Delete');
    expectNoSecrets(err);
  });

  it.each([
    ['truncated', (s: string) => s.slice(0, Math.floor(s.length / 2))],
    ['empty', () => ''],
    ['foreign', () => 'OAuthAccessToken=abc\nOAuthRefreshToken=def\n'],
    ['another JSON document', () => '{"name":"something else"}'],
    [
      'altered',
      (s: string) => {
        const e = JSON.parse(s);
        const c = Buffer.from(e.ciphertext, 'base64');
        c[0] ^= 1;
        return JSON.stringify({ ...e, ciphertext: c.toString('base64') });
      },
    ],
  ])('rejects a %s file with ERR_SETTINGS_FILE and never overwrites it', async (_kind, mangle) => {
    const file = path.join(dir, 'OAuthSettings.txt');
    await save(new FileTokenStore(file, SECRET, nullLogger), TOKENS);
    fs.writeFileSync(file, mangle(fs.readFileSync(file, 'utf8')));
    const before = fs.readFileSync(file);
    const store = new FileTokenStore(file, SECRET, nullLogger);
    const err = await store.read().catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_SETTINGS_FILE', file });
    expect(err.message).toContain(file);
    // How to recover: delete the file (or use another one); it was left as it is.
    expect(err.message).toContain(`Delete ${file}`);
    expect(err.message).toContain('left untouched');
    expectNoSecrets(err);
    await expect(save(store, { ...TOKENS, accessToken: 'replacement-token' })).rejects.toMatchObject({
      code: 'ERR_SETTINGS_FILE',
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('leaves the stored token in place when the update fails', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    const store = new FileTokenStore(file, SECRET, nullLogger);
    await save(store, TOKENS);
    await expect(
      store.update(async () => {
        throw new Error('refresh refused');
      }),
    ).rejects.toThrow('refresh refused');
    expect(await store.read()).toEqual(TOKENS);
  });

  it('runs concurrent updates one at a time, each seeing the previous one’s result', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    const stores = Array.from({ length: 5 }, () => new FileTokenStore(file, SECRET, nullLogger));
    await save(stores[0], { ...TOKENS, expiresIn: 0 });
    await Promise.all(
      stores.map((s) =>
        s.update(async (cur) => {
          const next = { ...TOKENS, expiresIn: (cur?.expiresIn ?? 0) + 1 };
          return { value: undefined, save: next };
        }),
      ),
    );
    expect((await stores[0].read())?.expiresIn).toBe(5);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('FileTokenStore in a folder it cannot write', () => {
  it('reports ERR_SETTINGS_FILE naming the file', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where a folder should be');
    const file = path.join(blocker, 'OAuthSettings.txt');
    const err = await save(new FileTokenStore(file, SECRET, nullLogger), TOKENS).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_SETTINGS_FILE', file: path.resolve(file) });
    expect(err.message).toContain('OAuthSettingsLocation');
  });
});
