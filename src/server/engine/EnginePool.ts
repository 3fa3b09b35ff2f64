/**
 * A few PGlite threads started from one data directory, so that a catalog statement that runs
 * long never holds up the others: a call waits for an idle engine, and when none frees up
 * quickly a second one is started (up to `maxEngines`). Every call has a time limit and can be
 * cancelled; since WebAssembly cannot be interrupted from outside, the engine running an
 * overrun or cancelled call is terminated and replaced from the same data directory, and only
 * that call fails (SQLSTATE 57014).
 */
import { SqlError } from '../../errors';
import { PgliteThread, type PgliteStartOptions } from './PgliteThread';

export interface EnginePoolOptions {
  /** The initialised data directory (uncompressed tarball) every engine starts from. */
  data: Uint8Array;
  database: string;
  /** Engine-wide settings run at every start. */
  setup: string;
  /** Longest a call may run, in milliseconds; 0 for no limit. */
  timeoutMs: number;
  maxEngines: number;
  log(line: string): void;
}

interface Lane {
  db: PgliteThread;
  busy: boolean;
  idleTimer?: NodeJS.Timeout;
}

interface Waiter {
  resolve(lane: Lane): void;
  reject(err: Error): void;
}

/** How long a call waits for a busy engine before another one is started. */
const GROW_AFTER_MS = 300;
/** Engines beyond the first are stopped after this long without work. */
const IDLE_MS = 30_000;

export const cancelledError = (): SqlError =>
  new SqlError('ERR_CANCELLED', 'canceling statement due to user request', { sqlState: '57014' });

export class EnginePool {
  readonly #opts: EnginePoolOptions;
  readonly #lanes: Lane[] = [];
  readonly #waiters: Waiter[] = [];
  #starting = 0;
  #closed = false;

  private constructor(opts: EnginePoolOptions) {
    this.#opts = opts;
  }

  /** Starts the first engine (or takes `first`, already running that data); rejects when the data directory cannot be loaded. */
  static async start(opts: EnginePoolOptions, first?: PgliteThread): Promise<EnginePool> {
    const pool = new EnginePool(opts);
    let db = first;
    if (db) await db.exec(opts.setup);
    else db = await PgliteThread.start(pool.#startOptions());
    pool.#lanes.push({ db, busy: false });
    return pool;
  }

  /** Engines running now. */
  get size(): number {
    return this.#lanes.length;
  }

  /** Runs `fn` with an engine of its own, within the time limit, until `signal` aborts. */
  async run<T>(fn: (db: PgliteThread) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw cancelledError();
    const lane = await this.#acquire(signal);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      return await new Promise<T>((resolve, reject) => {
        const stop = (err: Error): void => {
          reject(err);
          this.#replace(lane, err);
        };
        if (this.#opts.timeoutMs > 0)
          timer = setTimeout(() => stop(this.#timeoutError()), this.#opts.timeoutMs);
        onAbort = (): void => stop(cancelledError());
        signal?.addEventListener('abort', onAbort, { once: true });
        fn(lane.db).then(resolve, reject);
      });
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      if (!lane.db.alive) this.#replace(lane, new Error('the catalog engine thread stopped'));
      else if (this.#lanes.includes(lane)) this.#release(lane);
    }
  }

  /** Stops every engine, running or not. */
  async close(): Promise<void> {
    this.#closed = true;
    const stopped = new SqlError('ERR_CONNECTION_CLOSED', 'bcsql serve is shutting down', {
      sqlState: '57P01',
    });
    for (const w of this.#waiters.splice(0)) w.reject(stopped);
    const lanes = this.#lanes.splice(0);
    await Promise.all(
      lanes.map((l) => {
        clearTimeout(l.idleTimer);
        return l.busy ? l.db.terminate(stopped) : l.db.close();
      }),
    );
  }

  #timeoutError(): SqlError {
    return new SqlError(
      'ERR_TIMEOUT',
      `canceling statement due to statement timeout: catalog statements may run for ${this.#opts.timeoutMs} ms`,
      { sqlState: '57014' },
    );
  }

  #startOptions(): PgliteStartOptions {
    // A copy each time: the thread takes its buffer over.
    return {
      dataDir: new Uint8Array(this.#opts.data),
      database: this.#opts.database,
      setup: this.#opts.setup,
    };
  }

  #acquire(signal?: AbortSignal): Promise<Lane> {
    if (this.#closed) return Promise.reject(new SqlError('ERR_CONNECTION_CLOSED', 'bcsql serve is shutting down', { sqlState: '57P01' })); // prettier-ignore
    const idle = this.#lanes.find((l) => !l.busy);
    if (idle) {
      clearTimeout(idle.idleTimer);
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise<Lane>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(cancelledError());
      };
      const waiter: Waiter = {
        resolve: (lane) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lane);
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
      if (this.#lanes.length + this.#starting === 0) this.#grow();
      else setTimeout(() => this.#waiters.includes(waiter) && this.#grow(), GROW_AFTER_MS).unref();
    });
  }

  #release(lane: Lane): void {
    const next = this.#waiters.shift();
    if (next) return next.resolve(lane);
    lane.busy = false;
    if (this.#lanes.length > 1) {
      lane.idleTimer = setTimeout(() => {
        if (lane.busy || this.#lanes.length <= 1) return;
        this.#lanes.splice(this.#lanes.indexOf(lane), 1);
        void lane.db.close();
      }, IDLE_MS).unref();
    }
  }

  /** Terminates a lane's engine (its call is abandoned) and starts another in its place. */
  #replace(lane: Lane, reason: Error): void {
    const at = this.#lanes.indexOf(lane);
    if (at < 0) return;
    this.#lanes.splice(at, 1);
    this.#opts.log(`catalog engine stopped (${reason.message}); starting a new one`);
    void lane.db.terminate(reason);
    this.#grow();
  }

  #grow(): void {
    if (this.#closed) return;
    if (this.#lanes.length + this.#starting >= this.#opts.maxEngines) return;
    this.#starting++;
    PgliteThread.start(this.#startOptions()).then(
      (db) => {
        this.#starting--;
        if (this.#closed) return void db.close();
        const lane: Lane = { db, busy: true };
        this.#lanes.push(lane);
        this.#release(lane);
      },
      (err: Error) => {
        this.#starting--;
        this.#opts.log(`could not start a catalog engine: ${err.message}`);
        if (this.#lanes.length + this.#starting > 0) return;
        const failed = new SqlError('ERR_INTERNAL', `the catalog engine could not start: ${err.message}`, { sqlState: 'XX000' }); // prettier-ignore
        for (const w of this.#waiters.splice(0)) w.reject(failed);
      },
    );
  }
}
