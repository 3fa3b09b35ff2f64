/**
 * PGlite (PostgreSQL compiled to WebAssembly) running in a worker thread (pgliteWorker.ts).
 *
 * Three reasons for the thread: PGlite executes synchronously inside WebAssembly, so a catalog
 * query on the main thread would stall every session's sockets and the provider's HTTP while it
 * runs; a runaway statement can only be stopped by terminating the thread that runs it; and
 * PGlite's CommonJS build loads parts of itself with import(), which module sandboxes such as
 * jest's refuse, while a worker has Node's own loader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './pgliteWorker';

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The compiled worker next to this file (dist/), else its source run through ts-node (tests). */
function workerScript(): { file: string; execArgv: string[] } {
  const compiled = path.join(__dirname, 'pgliteWorker.js');
  if (fs.existsSync(compiled)) return { file: compiled, execArgv: [] };
  const register = require.resolve('ts-node/register/transpile-only');
  return { file: path.join(__dirname, 'pgliteWorker.ts'), execArgv: ['--require', register] };
}

export interface PgliteStartOptions {
  /** An uncompressed data-directory tarball to start from; else a fresh initdb. */
  dataDir?: Uint8Array;
  database?: string;
  /** Statements run once the engine is up (engine-wide settings). */
  setup?: string;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #dead: Error | undefined;

  private constructor() {
    const { file, execArgv } = workerScript();
    this.#worker = new Worker(file, { execArgv });
    this.#worker.on('message', (reply: WorkerReply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result);
    });
    this.#worker.on('error', (err) => this.#fail(err));
    this.#worker.on('exit', (code) =>
      this.#fail(new Error(`the catalog engine thread exited (code ${code})`)),
    );
  }

  /** A PGlite in a new thread. */
  static async start(opts: PgliteStartOptions = {}): Promise<PgliteThread> {
    const thread = new PgliteThread();
    try {
      // The tarball is tens of megabytes: hand it over instead of copying it when it is ours alone.
      const data = opts.dataDir;
      const own = data && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      await thread.#call({ op: 'create', ...opts }, own ? [data.buffer as ArrayBuffer] : []);
    } catch (err) {
      await thread.terminate();
      throw err;
    }
    return thread;
  }

  /** False once the thread has stopped or failed. */
  get alive(): boolean {
    return this.#dead === undefined;
  }

  exec(sql: string): Promise<void> {
    return this.#call({ op: 'exec', sql }) as Promise<void>;
  }

  query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.#call({ op: 'query', sql, params }) as Promise<R[]>;
  }

  /** Runs `COPY … FROM '/dev/blob'` reading `data` (COPY text); the buffer is handed over, not copied. */
  async copy(sql: string, data: Uint8Array): Promise<void> {
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    await this.#call({ op: 'copy', sql, data }, own ? [data.buffer as ArrayBuffer] : []);
  }

  /** The data directory as an uncompressed tarball. */
  async dump(): Promise<Buffer> {
    const data = (await this.#call({ op: 'dump' })) as Uint8Array;
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  /** PGlite's raw wire-protocol entry point: frontend messages in, backend messages out. */
  async raw(data: Buffer): Promise<Uint8Array> {
    return (await this.#call({ op: 'raw', data })) as Uint8Array;
  }

  /** Shuts PGlite down cleanly, then the thread. Only for an engine that is not running anything. */
  async close(): Promise<void> {
    if (!this.#dead) await this.#call({ op: 'close' }).catch(() => undefined);
    await this.terminate();
  }

  /** Stops the thread at once, whatever it is running; calls in flight reject with `reason`. */
  async terminate(reason = new Error('the catalog engine was stopped')): Promise<void> {
    this.#fail(reason);
    await this.#worker.terminate();
  }

  #fail(err: Error): void {
    this.#dead ??= err;
    for (const w of this.#pending.values()) w.reject(err);
    this.#pending.clear();
  }

  #call(req: Request, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...req }, transfer);
    });
  }
}
