/** Runs the built `bcsql serve` as a user would, for tests of the command and its signals. */
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanEnv, CLI, ROOT } from '../cli/cliHarness';
import { START_TIMEOUT } from './serverHarness';

/** The CLI caches its catalog engine under XDG_CACHE_HOME; one folder for every run of these tests. */
export const XDG_CACHE_HOME = path.join(os.tmpdir(), 'bcsql-test-serve-xdg-cache');

export interface Served {
  url: string;
  stderr: () => string;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `bcsql serve …` and waits for the URL it prints on stdout. */
export function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd: ROOT,
    env: cleanEnv({ XDG_CACHE_HOME, ...env }),
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bcsql serve printed no URL\n${stderr}`));
    }, START_TIMEOUT - 10_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve({
        url: stdout.slice(0, nl),
        stderr: () => stderr,
        stop: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`bcsql serve exited early\n${stderr}`)));
  });
}
