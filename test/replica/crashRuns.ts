/**
 * Kill-and-rerun rounds for the crash-safety tests: `bcsql replicate` (the built CLI) is killed
 * with SIGKILL at moments drawn from a fixed seed while the store keeps changing. A moment is a
 * count of API responses the run has received plus a short delay, not a wall-clock time, so the
 * kills land inside runs on fast and slow machines.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { changeStore, rng, type ReplicaKit } from './replicaKit';

const BCSQL = path.join(__dirname, '..', '..', 'dist', 'cli', 'bcsql.js');

/** When to kill a run: after it has received `responses` API responses, plus `delayMs`. */
export interface KillPoint {
  responses: number;
  delayMs: number;
}

/** Runs `bcsql replicate --to target`; kills it at `kill` (if given). Resolves with how it ended. */
export function runReplicate(
  kit: ReplicaKit,
  target: string,
  tables: string[],
  kill?: KillPoint,
): Promise<{ code: number | null; signal: string | null }> {
  const conn =
    `AuthScheme=PersonalAccessToken;StoreId=${kit.sim.storeHash};OAuthAccessToken=${kit.sim.accessToken};` +
    `ApiBaseURL=${kit.sim.apiBaseUrl};MaxConcurrentRequests=2`;
  const child = spawn(
    process.execPath,
    [BCSQL, 'replicate', conn, '--to', target, '--tables', tables.join(','), '-q'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const start = kit.apiRequests();
  let delay: NodeJS.Timeout | undefined;
  const watch =
    kill === undefined
      ? undefined
      : setInterval(() => {
          if (delay || kit.apiRequests() - start < kill.responses) return;
          delay = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }, 2);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      clearTimeout(delay);
      if (code !== null && code !== 0) reject(new Error(`bcsql replicate failed (${code}): ${stderr}`));
      else resolve({ code, signal });
    });
  });
}

/**
 * 20 runs killed at points drawn from `seed` (the store changing every fourth), then one changed
 * store and a run to the end. Returns how many of the 20 were really killed mid-run.
 */
export async function killedRuns(kit: ReplicaKit, target: string, tables: string[], seed: number) {
  const random = rng(seed);
  let killed = 0;
  for (let point = 0; point < 20; point++) {
    if (point % 4 === 3) changeStore(kit.sim, random, 1);
    // A run that changes nothing still makes two requests per table, so up to six responses
    // lands inside every run; the delay moves the kill into the apply phase too.
    const kill = { responses: 1 + Math.floor(random() * 6), delayMs: Math.floor(random() * 40) };
    const end = await runReplicate(kit, target, tables, kill);
    if (end.signal === 'SIGKILL') killed++;
  }
  changeStore(kit.sim, random, 1);
  const last = await runReplicate(kit, target, tables);
  return { killed, last };
}
