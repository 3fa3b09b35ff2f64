/**
 * Runs the final SQLite statement of a SELECT in a worker process. better-sqlite3 is synchronous and
 * SQLite cannot be interrupted from JavaScript, so a statement that never ends (a recursive CTE
 * without a bound, a cross join of thousands of rows) would otherwise hold the main thread: no
 * AbortSignal, close(), timer, signal handler or other bcsql serve session could run. A worker
 * thread is not enough: terminating a thread stuck in SQLite's C code does not stop it, and the
 * process then cannot even exit. A child process can be killed. So the statement runs in one,
 * bounded by QueryTimeout and ended by abort or close() (the process is killed and a new one takes
 * its place). The staged database goes over as a serialized copy or, once staging is on disk, as
 * the path of its file.
 *
 * A few idle worker processes stay warm (unref'd, so they never keep a process alive); busy ones
 * are killed when this process exits, and one whose parent died kills itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { ApiError, SqlError, type ErrorCode, type ErrorDetails } from '../errors';

export interface StatementRun {
  sql: string;
  args: unknown[];
  /** A serialized in-memory database, or the path of an on-disk one. */
  source: { buffer: Buffer } | { file: string };
  /** QueryTimeout in seconds; 0 = no limit. Applies to each batch of rows SQLite produces. */
  timeoutSeconds: number;
  signal?: AbortSignal;
}

interface WorkerMessage {
  rows?: unknown[][];
  done?: boolean;
  error?: string;
  code?: ErrorCode;
  details?: ErrorDetails;
}

export interface Batch {
  rows: unknown[][];
  done: boolean;
}

const MAX_IDLE = 2;
const idle: ChildProcess[] = [];
const all = new Set<ChildProcess>();

/** The worker's code: plain CommonJS, so it runs the same from src/ (tests) and dist/. */
function workerCode(): string {
  return `
const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
// The functions staging registers, so the statement means here what it means on the main thread.
const { registerDateFunctions } = require(${JSON.stringify(path.join(__dirname, 'sqlFunctions'))});
const { registerDecimalAggregates } = require(${JSON.stringify(path.join(__dirname, 'decimalAggregates'))});
// Orphaned while stuck in SQLite (the parent was killed): a thread of its own notices and ends it.
const { Worker } = require('node:worker_threads');
new Worker('const p = ' + process.ppid + '; setInterval(() => { if (process.ppid !== p) process.kill(process.pid, "SIGKILL"); }, 1000);', { eval: true }).unref();
process.on('disconnect', () => process.exit(0));
let db, it, size;
const bytes = (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
function finish() {
  try { if (it && it.return) it.return(); } catch {}
  it = undefined;
  try { if (db && db.open) db.close(); } catch {}
  db = undefined;
}
function fail(e) {
  finish();
  const coded = e && typeof e.code === 'string' && e.code.startsWith('ERR_');
  process.send({ error: String((e && e.message) || e), code: coded ? e.code : undefined,
    details: coded ? { property: e.property, position: e.position } : undefined });
}
function send() {
  const rows = [];
  try {
    while (rows.length < size) {
      const n = it.next();
      if (n.done) { finish(); process.send({ rows, done: true }); return; }
      rows.push(n.value);
    }
    process.send({ rows, done: false });
  } catch (e) { fail(e); }
}
process.on('message', (m) => {
  if (m.type === 'more') return send();
  if (m.type === 'end') return finish();
  try {
    db = m.file ? new Database(m.file, { readonly: true, fileMustExist: true }) : new Database(bytes(m.buffer));
    registerDateFunctions(db);
    registerDecimalAggregates(db);
    const statement = db.prepare(m.sql).raw(true);
    if (!m.batch) {
      const rows = statement.all(...m.args);
      finish();
      process.send({ rows, done: true });
      return;
    }
    size = m.batch;
    it = statement.iterate(...m.args);
    send();
  } catch (e) { fail(e); }
});`;
}

let exitHook = false;

function takeWorker(): ChildProcess {
  let worker = idle.pop();
  if (!worker) {
    // From src/ (the tests) the function modules are TypeScript: load them through ts-node.
    const ts = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
    worker = spawn(process.execPath, [...ts, '-e', workerCode()], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    all.add(worker);
    const spawned = worker;
    worker.once('exit', () => {
      all.delete(spawned);
      const i = idle.indexOf(spawned);
      if (i >= 0) idle.splice(i, 1);
    });
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => all.forEach((w) => w.kill('SIGKILL')));
    }
  }
  worker.ref();
  worker.channel?.ref();
  return worker;
}

function giveBack(worker: ChildProcess): void {
  worker.unref();
  worker.channel?.unref();
  if (idle.length < MAX_IDLE && worker.connected) idle.push(worker);
  else worker.kill('SIGKILL');
}

/** Runs the statement to completion and returns every row (arrays in column order). */
export async function runStatement(run: StatementRun): Promise<unknown[][]> {
  return (await new StatementCursor(run).next()).rows;
}

/**
 * A statement read in batches of `batchSize` rows (all at once without it). close() ends it early;
 * after a timeout, an abort or close() the cursor yields nothing more.
 */
export class StatementCursor {
  private worker?: ChildProcess;
  private started = false;
  private finished = false;
  private waiting?: { resolve(b: Batch): void; reject(e: Error): void; timer?: NodeJS.Timeout };

  constructor(
    private readonly run: StatementRun,
    private readonly batchSize?: number,
  ) {}

  next(): Promise<Batch> {
    if (this.finished) return Promise.resolve({ rows: [], done: true });
    if (this.run.signal?.aborted) {
      this.stop(cancelled());
      return Promise.reject(cancelled());
    }
    return new Promise<Batch>((resolve, reject) => {
      const ms = this.run.timeoutSeconds * 1000;
      const timer = ms > 0 ? setTimeout(() => this.stop(timedOut(this.run.timeoutSeconds)), ms) : undefined;
      this.waiting = { resolve, reject, timer };
      if (this.started) this.worker?.send({ type: 'more' });
      else this.start();
    });
  }

  /** Ends the statement; a worker busy with it is terminated, an idle one goes back to the pool. */
  close(): void {
    if (this.finished) return;
    if (this.waiting) {
      this.stop(cancelled());
      return;
    }
    this.finished = true;
    this.detachSignal();
    this.worker?.send({ type: 'end' });
    this.release(true);
  }

  private start(): void {
    this.started = true;
    const worker = takeWorker();
    this.worker = worker;
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
    this.run.signal?.addEventListener('abort', this.onAbort, { once: true });
    const { source } = this.run;
    const base = { type: 'run', sql: this.run.sql, args: this.run.args, batch: this.batchSize };
    worker.send('file' in source ? { ...base, file: source.file } : { ...base, buffer: source.buffer });
  }

  private readonly onMessage = (m: WorkerMessage): void => {
    const waiting = this.takeWaiting();
    if (m.error !== undefined || m.done) {
      this.finished = true;
      this.detachSignal();
      this.release(true);
    }
    // A coded error (from a function staging registers) keeps its code; SQLite's own text goes to
    // the engine, which turns it into a coded SqlError.
    if (m.error !== undefined)
      waiting?.reject(m.code ? new SqlError(m.code, m.error, m.details) : new Error(m.error));
    else waiting?.resolve({ rows: (m.rows ?? []).map(asBuffers), done: !!m.done });
  };

  private readonly onError = (e: Error): void => this.stop(new SqlError('ERR_SQL', `SQLite: ${e.message}`));
  private readonly onExit = (): void =>
    this.stop(new SqlError('ERR_SQL', 'SQLite: the statement worker stopped'));

  /** Detaches from the worker; a clean one goes back to the pool, any other is terminated. */
  private release(clean: boolean): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.off('message', this.onMessage);
    worker.off('error', this.onError);
    worker.off('exit', this.onExit);
    if (clean) giveBack(worker);
    else worker.kill('SIGKILL');
  }

  private readonly onAbort = (): void => this.stop(cancelled());

  /** Timeout, abort, close() mid-batch or a dead worker: terminate it and reject what waits. */
  private stop(err: Error): void {
    const waiting = this.takeWaiting();
    if (!this.finished) {
      this.finished = true;
      this.detachSignal();
      this.release(false);
    }
    waiting?.reject(err);
  }

  private takeWaiting() {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting?.timer) clearTimeout(waiting.timer);
    return waiting;
  }

  private detachSignal(): void {
    this.run.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** Blobs may cross the process boundary as Uint8Array; the engine expects Buffers, as on the main thread. */
function asBuffers(row: unknown[]): unknown[] {
  return row.some((v) => v instanceof Uint8Array)
    ? row.map((v) =>
        v instanceof Uint8Array && !Buffer.isBuffer(v)
          ? Buffer.from(v.buffer, v.byteOffset, v.byteLength)
          : v,
      )
    : row;
}

function cancelled(): ApiError {
  return new ApiError('ERR_CANCELLED', 'the statement was cancelled');
}

function timedOut(seconds: number): SqlError {
  return new SqlError(
    'ERR_QUERY_TIMEOUT',
    `SQLite ran the statement for longer than QueryTimeout (${seconds} s) and it was stopped; narrow it ` +
      '(WHERE, LIMIT, fewer joined rows) or raise QueryTimeout (0 = no limit)',
    { property: 'QueryTimeout' },
  );
}
