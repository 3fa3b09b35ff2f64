/**
 * The folders that on-disk staging databases live in (store and customer data). Each is named
 * after the process that made it, removed when its staging closes, removed by an exit handler if
 * the process ends first, and — for a process that was killed — removed by the next process that
 * stages to disk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PREFIX = 'bcsql-stage-';
/** Folders of the old naming (no process id) are only removed once clearly abandoned. */
const UNOWNED_STALE_MS = 24 * 3600_000;
const live = new Set<string>();
let exitHookInstalled = false;
let swept = false;

/** A new private folder for one staging database. */
export function makeStagingDir(): string {
  if (!swept) {
    swept = true;
    sweepStaleStagingDirs();
  }
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', removeAllStagingDirs);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  live.add(dir);
  return dir;
}

export function removeStagingDir(dir: string): void {
  live.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Folders this process still has open (for tests). */
export function liveStagingDirs(): string[] {
  return [...live];
}

function removeAllStagingDirs(): void {
  for (const dir of live) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Exiting anyway; the next start sweeps what is left.
    }
  }
  live.clear();
}

/** Removes staging folders whose process is gone. */
export function sweepStaleStagingDirs(tmp = os.tmpdir()): void {
  let names: string[];
  try {
    names = fs.readdirSync(tmp).filter((n) => n.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(tmp, name);
    const pid = /^bcsql-stage-(\d+)-/.exec(name)?.[1];
    try {
      const stale = pid
        ? !processAlive(Number(pid))
        : Date.now() - fs.statSync(dir).mtimeMs > UNOWNED_STALE_MS;
      if (stale && fs.statSync(dir).uid === process.getuid?.())
        fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it first, or it is not ours to remove.
    }
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
