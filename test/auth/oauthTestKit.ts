/** Helpers for OAuth integration tests: approving on the simulator's page without a browser, ports, logs. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Simulator } from '../../src/simulator';

/** The connection properties every OAuth test against `sim` starts from, then `extra`. */
export function oauthProps<E extends object>(sim: Simulator, extra?: E) {
  return {
    AuthScheme: 'OAuth',
    OAuthClientId: sim.clientId,
    OAuthClientSecret: sim.clientSecret,
    StoreId: sim.storeHash,
    ApiBaseURL: sim.apiBaseUrl,
    LoginBaseURL: sim.loginBaseUrl,
    ...(extra as E),
  };
}

/** Submits the simulator's login-and-approve form for `authorizeUrl`, as a user would; returns the callback URL. */
export async function approveWithoutBrowser(
  sim: Simulator,
  authorizeUrl: string,
  action: 'approve' | 'deny' = 'approve',
): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${await page.text()}`);
  const q = new URL(authorizeUrl).searchParams;
  const form = new URLSearchParams({
    client_id: q.get('client_id') ?? '',
    redirect_uri: q.get('redirect_uri') ?? '',
    response_type: 'code',
    scope: q.get('scope') ?? '',
    state: q.get('state') ?? '',
    context: q.get('context') ?? `stores/${sim.storeHash}`,
    email: sim.demoUser.email,
    password: sim.demoUser.password,
    action,
  });
  const res = await fetch(`${sim.loginBaseUrl}/oauth2/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`approval answered ${res.status}`);
  return new URL(location);
}

/** A port that was free a moment ago (for CallbackURL, which needs a fixed port). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readIfExists(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Asserts none of `secrets` appears in the error (message and enumerable fields) or in the log text. */
export function expectNoSecrets(secrets: (string | undefined)[], ...texts: unknown[]): void {
  for (const t of texts) {
    const text = typeof t === 'string' ? t : `${(t as Error)?.message ?? ''} ${JSON.stringify(t)}`;
    for (const s of secrets) if (s) expect(text).not.toContain(s);
  }
}

/**
 * A stand-in for the user's browser in the desktop flow: approves (or denies) on the simulator's
 * page over plain HTTP and follows the redirect to the provider's loopback listener.
 * `tamper` changes the callback URL before it is followed (a forged state, say).
 */
export function scriptedUser(
  sim: Simulator,
  opts: { action?: 'approve' | 'deny'; tamper?: (callback: URL) => void } = {},
): { launch: (url: string) => Promise<void>; launched: string[]; codes: string[]; pages: Promise<string>[] } {
  const launched: string[] = [];
  const codes: string[] = [];
  const pages: Promise<string>[] = [];
  return {
    launched,
    codes,
    pages,
    async launch(url: string) {
      launched.push(url);
      const page = (async () => {
        const cb = await approveWithoutBrowser(sim, url, opts.action ?? 'approve');
        const code = cb.searchParams.get('code');
        if (code) codes.push(code);
        opts.tamper?.(cb);
        return (await fetch(cb)).text();
      })();
      page.catch(() => undefined);
      pages.push(page);
    },
  };
}

export interface WorkerOutcome {
  ok: boolean;
  rowCount?: number;
  code?: string;
  message?: string;
}

export interface Worker {
  ready: Promise<void>;
  done: Promise<WorkerOutcome>;
}

/** Runs test/auth/fixtures/oauthWorker.ts in a new node process (ts-node, transpile only) with `env` added. */
export function spawnWorker(
  input: { options: Record<string, unknown>; sql: string; goFile?: string },
  env: Record<string, string | undefined> = {},
): Worker {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'fixtures', 'oauthWorker.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env, OAUTH_WORKER: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<WorkerOutcome>((resolve, reject) => {
    child.on('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as WorkerOutcome);
      else reject(new Error(`worker printed no result; stderr: ${err}`));
    });
  });
  done.catch(() => markReady());
  return { ready, done };
}
