/**
 * A settings file that cannot be locked for a reason other than another process holding the lock
 * (a folder that is not writable, a `<file>.lock` that is a regular file) is ERR_SETTINGS_FILE at
 * once with the OS reason, not a long wait ending in ERR_SETTINGS_LOCKED.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import { nullLogger } from '../../src/log';
import { connect } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { ensureBuilt, ROOT } from '../cli/cliHarness';
import { freePort, oauthProps } from '../auth/oauthTestKit';

const SECRET = 'client-secret-for-settings';
/** Long enough that a wait would end in ERR_SETTINGS_LOCKED well after the store answers. */
const LOCK_WAIT_MS = 3_000;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-sec-'));
  fs.chmodSync(dir, 0o755);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const save = (store: FileTokenStore) =>
  store.update(async () => ({ value: 'saved', save: { accessToken: 'tok-123456', timestamp: Date.now() } }));

describe('the settings file lock', () => {
  it('reports a regular file at <file>.lock as ERR_SETTINGS_FILE naming it, without waiting', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    fs.writeFileSync(`${file}.lock`, 'not a lock folder');
    const store = new FileTokenStore(file, SECRET, nullLogger, LOCK_WAIT_MS);
    const err = (await save(store).catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ code: 'ERR_SETTINGS_FILE', file });
    expect(err.message).toContain(`${file}.lock`);
    expect(err.message).toMatch(/ENOTDIR.*delete/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('still waits for, and then takes, a lock another process holds', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    const holder = new FileTokenStore(file, SECRET, nullLogger, LOCK_WAIT_MS);
    let release!: () => void;
    const held = holder.update(
      () => new Promise<{ value: string }>((r) => (release = () => r({ value: 'held' }))),
    );
    await new Promise((r) => setTimeout(r, 200));
    const waiting = save(new FileTokenStore(file, SECRET, nullLogger, LOCK_WAIT_MS));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await expect(held).resolves.toBe('held');
    await expect(waiting).resolves.toBe('saved');
  });

  it('reports a folder it cannot write as ERR_SETTINGS_FILE with EACCES, without waiting', async () => {
    await ensureBuilt();
    const folder = path.join(dir, 'readonly');
    fs.mkdirSync(folder, { mode: 0o555 });
    fs.chmodSync(folder, 0o555);
    const file = path.join(folder, 'OAuthSettings.txt');
    // Root writes anywhere, so a child run as root loads the store and then becomes nobody: the
    // checkout may sit in a folder nobody cannot read (CI clones into a 0700 temp folder).
    const dropToNobody = process.getuid?.() === 0 ? 'process.setgid(65534); process.setuid(65534);' : '';
    const script = `
      const { FileTokenStore } = require(${JSON.stringify(path.join(ROOT, 'dist/auth/stores/FileTokenStore.js'))});
      const { nullLogger } = require(${JSON.stringify(path.join(ROOT, 'dist/log.js'))});
      ${dropToNobody}
      new FileTokenStore(${JSON.stringify(file)}, 'secret', nullLogger, ${LOCK_WAIT_MS})
        .update(async () => ({ value: 1, save: { accessToken: 'tok-123456', timestamp: Date.now() } }))
        .then(() => console.log(JSON.stringify({ ok: true })), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })));`;
    const { stdout: out, stderr } = await new Promise<{ stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], { cwd: os.tmpdir() });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', () => resolve({ stdout, stderr }));
      },
    );
    expect({ stdout: out.length > 0, stderr }).toEqual({ stdout: true, stderr: '' });
    const result = JSON.parse(out) as { code?: string; message?: string };
    expect(result.code).toBe('ERR_SETTINGS_FILE');
    expect(result.message).toContain('EACCES');
    expect(result.message).toContain(file);
  }, 240_000);
});

describe('connect() with InitiateOAuth=GETANDREFRESH', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ products: 1, customers: 1, orders: 1 });
  });
  afterAll(() => sim.close());

  it('fails with ERR_SETTINGS_FILE when <file>.lock is a regular file, before exchanging OAuthVerifier', async () => {
    const file = path.join(dir, 'OAuthSettings.txt');
    fs.writeFileSync(`${file}.lock`, '');
    const before = sim.requests.length;
    await expect(
      connect(
        oauthProps(sim, {
          InitiateOAuth: 'GETANDREFRESH',
          OAuthVerifier: 'a-code-from-the-callback',
          CallbackURL: `http://127.0.0.1:${await freePort()}/cb`,
          OAuthSettingsLocation: file,
        }),
      ),
    ).rejects.toMatchObject({ code: 'ERR_SETTINGS_FILE', message: expect.stringContaining(`${file}.lock`) });
    expect(sim.requests.length).toBe(before);
  }, 20_000);
});
