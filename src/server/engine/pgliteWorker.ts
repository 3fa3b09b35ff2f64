/**
 * The worker thread's side of PgliteThread: one PGlite instance, driven by requests from the main
 * thread. Requests are { id, op, ...args }; replies are { id, result } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

export type WorkerRequest = { id: number } & (
  | { op: 'create'; dataDir?: Uint8Array; database?: string; setup?: string }
  | { op: 'exec'; sql: string }
  | { op: 'query'; sql: string; params: unknown[] }
  /** COPY … FROM '/dev/blob' with `data` as its input (rows staged for a statement). */
  | { op: 'copy'; sql: string; data: Uint8Array }
  | { op: 'dump' }
  | { op: 'raw'; data: Uint8Array }
  | { op: 'close' }
);

export interface WorkerReply {
  id: number;
  result?: unknown;
  error?: string;
}

let db: PGlite | undefined;

function open(): PGlite {
  if (!db) throw new Error('the catalog engine is not started');
  return db;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'create': {
      const opts: PGliteOptions = {};
      if (req.dataDir) opts.loadDataDir = new Blob([req.dataDir]);
      if (req.database) opts.database = req.database;
      db = await PGlite.create(opts);
      if (req.setup) await db.exec(req.setup);
      return null;
    }
    case 'exec':
      await open().exec(req.sql);
      return null;
    case 'query':
      return (await open().query(req.sql, req.params)).rows;
    case 'copy':
      await open().query(req.sql, [], { blob: new Blob([req.data]) });
      return null;
    case 'dump':
      return new Uint8Array(await (await open().dumpDataDir('none')).arrayBuffer());
    case 'raw':
      return open().execProtocolRaw(req.data, { syncToFs: false });
    case 'close':
      await db?.close();
      db = undefined;
      return null;
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (result) => parentPort!.postMessage({ id: req.id, result } satisfies WorkerReply),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: String((err as Error)?.message ?? err) } satisfies WorkerReply), // prettier-ignore
  );
});
