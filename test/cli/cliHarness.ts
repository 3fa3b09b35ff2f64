/**
 * Helpers for the bcsql tests: build dist/ once (when src/ changed since the last build), run the
 * built CLI as a child process, and drive it through a real terminal with tmux.
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'bcsql.js');
const STAMP = path.join(ROOT, 'dist', '.cli-test-build');
const LOCK = path.join(os.tmpdir(), `bcsql-test-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  try {
    const built = fs.statSync(STAMP).mtimeMs;
    return fs.existsSync(CLI) && built >= newestMtime(path.join(ROOT, 'src'));
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `tsc -p tsconfig.build.json` unless dist/ is newer than src/. Test files run in parallel
 * workers, so a lock folder makes one of them build while the others wait.
 */
export async function ensureBuilt(): Promise<void> {
  for (;;) {
    if (isFresh()) return;
    try {
      fs.mkdirSync(LOCK);
    } catch {
      // Another worker is building; a lock older than 5 minutes was left by a killed run.
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 300_000) fs.rmdirSync(LOCK);
      } catch {
        /* gone already */
      }
      await sleep(500);
      continue;
    }
    try {
      if (isFresh()) return;
      const startedAt = Date.now();
      // tsc emits even when another module has a type error; `npm test` type-checks separately.
      await new Promise<void>((resolve) => {
        execFile(
          process.execPath,
          [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
          { cwd: ROOT },
          () => resolve(),
        );
      });
      if (!fs.existsSync(CLI)) throw new Error(`the build did not produce ${CLI}`);
      fs.writeFileSync(STAMP, '');
      fs.utimesSync(STAMP, startedAt / 1000, startedAt / 1000);
      return;
    } finally {
      fs.rmdirSync(LOCK);
    }
  }
}

/** An environment without the developer's BIGCOMMERCE_* settings and with private data/config folders. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('BIGCOMMERCE_') && k !== 'NO_COLOR') env[k] = v;
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-home-'));
  env.XDG_DATA_HOME = path.join(home, 'data');
  env.XDG_CONFIG_HOME = path.join(home, 'config');
  return { ...env, ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; stdin gets `input` (or is closed at once). Async, so an in-process simulator keeps serving. */
export function runCli(
  args: string[],
  opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: opts.env ?? cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bcsql ${args.join(' ')} did not exit in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** A tmux server of our own (its own socket), so tests never touch a user's sessions. */
export class Tmux {
  readonly socket = `bcsql-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('tmux', ['-u', '-L', this.socket, '-f', '/dev/null', ...args], (err, stdout, stderr) => {
        if (err) reject(new Error(`tmux ${args.join(' ')}: ${stderr || err.message}`));
        else resolve(stdout);
      });
    });
  }

  /** Starts `command` in a detached 120x40 session that stays visible after the command exits. */
  async start(session: string, command: string[]): Promise<void> {
    await this.run(['new-session', '-d', '-s', session, '-x', '120', '-y', '40', ...command]);
    await this.run(['set-option', '-t', session, 'remain-on-exit', 'on']);
  }

  /** Types text (a trailing `;` escaped, since tmux reads it as a command separator) or key names such as Enter, C-c. */
  async send(session: string, ...keys: string[]): Promise<void> {
    await this.run([
      'send-keys',
      '-t',
      session,
      ...keys.map((k) => (k.endsWith(';') ? `${k.slice(0, -1)}\\;` : k)),
    ]);
  }

  /** The pane's text with trailing spaces and blank lines removed (so a prompt reads `bcsql>`). */
  async screen(session: string): Promise<string> {
    const text = await this.run(['capture-pane', '-p', '-J', '-t', session, '-S', '-200']);
    return text
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /**
   * Polls the screen until `test` passes; fails with the screen's content after timeoutMs, a bound
   * generous enough for a loaded CI machine (polling returns as soon as the screen matches).
   */
  async waitFor(
    session: string,
    test: RegExp | ((screen: string) => boolean),
    timeoutMs = 20_000,
  ): Promise<string> {
    const check = typeof test === 'function' ? test : (s: string) => test.test(s);
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen(session);
      if (check(last)) return last;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${String(test)}; the screen shows:\n${last}`);
  }

  /** Whether the pane's command has exited, with its exit status (null when not known yet). */
  async paneStatus(session: string): Promise<{ dead: boolean; status: number | null }> {
    const read = async () => {
      const out = await this.run([
        'display-message',
        '-p',
        '-t',
        session,
        '#{pane_dead}/#{pane_dead_status}',
      ]);
      const [dead, status] = out.trim().split('/');
      return { dead: dead === '1', status: status === undefined || status === '' ? null : Number(status) };
    };
    const first = await read();
    if (!first.dead || first.status !== null) return first;
    // tmux 3.3 marks the pane dead when the terminal closes but learns the exit status only when
    // it reaps the child on SIGCHLD — and on a loaded machine it sometimes misses that signal,
    // leaving the exited command a zombie with no status for good. Any other child of the tmux
    // server exiting makes it reap them all, so run a no-op in the server and look again.
    await this.run(['run-shell', 'true']);
    return read();
  }

  /** Polls until the pane's command has exited; its exit status, or an error with the screen after timeoutMs. */
  async waitForExit(session: string, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { dead, status } = await this.paneStatus(session);
      if (dead && status !== null) return status;
      await sleep(100);
    }
    throw new Error(
      `the command in ${session} did not exit; the screen shows:\n${await this.screen(session)}`,
    );
  }

  async kill(): Promise<void> {
    await this.run(['kill-server']).catch(() => undefined);
  }
}

/** Counts of `text` in `haystack`. */
export function occurrences(haystack: string, text: string): number {
  return haystack.split(text).length - 1;
}
