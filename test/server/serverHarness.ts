/**
 * A `bcsql serve` endpoint for tests: the simulator's demo store, a provider Connection to it, and
 * the PostgreSQL endpoint on an ephemeral loopback port. The catalog engine's data directory is
 * cached in the temp dir, so only the first test file of a run pays for PostgreSQL's initdb.
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { connect, type Connection } from '../../src/connection/Connection';
import { startServer, type PgServer, type ServeOptions } from '../../src/server/PgServer';
import { startSimulator, type Simulator } from '../../src/simulator';

export const CACHE_DIR = path.join(os.tmpdir(), 'bcsql-test-serve-cache');

/** Starting the catalog engine without a cache takes seconds (much more on a busy machine). */
export const START_TIMEOUT = 180_000;

export interface TestServer {
  sim: Simulator;
  conn: Connection;
  server: PgServer;
  port: number;
  close(): Promise<void>;
}

export async function startTestServer(opts: Partial<ServeOptions> = {}): Promise<TestServer> {
  const sim = await startSimulator({ seed: 7, products: 40, customers: 20, orders: 30 });
  const conn = await connect({
    AuthScheme: 'OAuth',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    OAuthClientId: sim.clientId,
    OAuthClientSecret: sim.clientSecret,
    ApiBaseURL: sim.apiBaseUrl,
    LoginBaseURL: sim.loginBaseUrl,
  });
  const server = await startServer({
    connection: conn,
    host: '127.0.0.1',
    port: 0,
    cacheDir: CACHE_DIR,
    secrets: [sim.accessToken, sim.clientSecret],
    ...opts,
  });
  return {
    sim,
    conn,
    server,
    port: server.port,
    async close() {
      await server.close();
      await conn.close();
      await sim.close();
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion (no shell), feeding `input` on stdin. */
export function run(
  file: string,
  args: string[],
  input = '',
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code as number | null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

/** A node-postgres client connected to a test server (no password: the test servers trust). */
export async function pgClient(port: number, user = 'bi'): Promise<Client> {
  const c = new Client({ host: '127.0.0.1', port, user, database: 'bigcommerce' });
  await c.connect();
  return c;
}

/**
 * A test server and a pg client connected to it, started before the tests of the enclosing
 * describe block (or file) and stopped after them; read `t` and `c` inside the tests.
 */
export function servedClient(opts: Partial<ServeOptions> = {}): {
  readonly t: TestServer;
  readonly c: Client;
} {
  const served = {} as { t: TestServer; c: Client };
  beforeAll(async () => {
    served.t = await startTestServer(opts);
    served.c = await pgClient(served.t.port);
  }, START_TIMEOUT);
  afterAll(async () => {
    await served.c?.end().catch(() => undefined);
    await served.t?.close();
  });
  return served;
}
