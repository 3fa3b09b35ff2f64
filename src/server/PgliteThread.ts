/**
 * PGlite (PostgreSQL compiled to WebAssembly) running in a worker thread.
 *
 * Two reasons for the thread: PGlite executes synchronously inside WebAssembly, so a catalog
 * query on the main thread would stall every session's sockets and the provider's HTTP while it
 * runs; and PGlite's CommonJS build loads parts of itself with import(), which module sandboxes
 * such as jest's refuse, while a worker has Node's own loader. The worker is a thin remote
 * control for one PGlite instance; everything else stays in CatalogEngine on the main thread.
 */
import { Worker } from 'node:worker_threads';

/**
 * The worker's program, kept as plain JavaScript so it runs the same from src/ (tests) and dist/.
 * Requests are { id, op, ...args }; replies are { id, result } or { id, error }.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
let db;
const ops = {
  async create({ dataDir, database }) {
    const opts = {};
    if (dataDir) opts.loadDataDir = new Blob([dataDir]);
    if (database) opts.database = database;
    db = await PGlite.create(opts);
    return null;
  },
  async exec({ sql }) { await db.exec(sql); return null; },
  async query({ sql, params }) { return (await db.query(sql, params)).rows; },
  async dump() { return new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()); },
  async raw({ data }) { return await db.execProtocolRaw(data, { syncToFs: false }); },
  async close() { if (db) await db.close(); db = undefined; return null; },
};
parentPort.on('message', async (req) => {
  try {
    const result = await ops[req.op](req);
    parentPort.postMessage({ id: req.id, result });
  } catch (err) {
    parentPort.postMessage({ id: req.id, error: String((err && err.message) || err) });
  }
});
`;

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #dead: Error | undefined;

  private constructor() {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pglitePath: require.resolve('@electric-sql/pglite') },
    });
    this.#worker.on('message', (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result);
    });
    const fail = (err: Error): void => {
      this.#dead = err;
      for (const w of this.#pending.values()) w.reject(err);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the catalog engine thread exited (code ${code})`)));
  }

  /** A PGlite in a new thread: from a data-directory tarball when given, else a fresh initdb. */
  static async start(opts: { dataDir?: Uint8Array; database?: string } = {}): Promise<PgliteThread> {
    const thread = new PgliteThread();
    try {
      // The tarball is tens of megabytes: hand it over instead of copying it.
      const data = opts.dataDir;
      const own = data && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      await thread.#call('create', opts, own ? [data.buffer as ArrayBuffer] : []);
    } catch (err) {
      await thread.#worker.terminate();
      throw err;
    }
    return thread;
  }

  exec(sql: string): Promise<void> {
    return this.#call('exec', { sql }) as Promise<void>;
  }

  query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.#call('query', { sql, params }) as Promise<R[]>;
  }

  /** The data directory as an uncompressed tarball. */
  async dump(): Promise<Buffer> {
    const data = (await this.#call('dump', {})) as Uint8Array;
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  /** PGlite's raw wire-protocol entry point: frontend messages in, backend messages out. */
  async raw(data: Buffer): Promise<Uint8Array> {
    return (await this.#call('raw', { data })) as Uint8Array;
  }

  async close(): Promise<void> {
    if (!this.#dead) await this.#call('close', {}).catch(() => undefined);
    await this.#worker.terminate();
  }

  #call(op: string, args: object, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op, ...args }, transfer);
    });
  }
}
