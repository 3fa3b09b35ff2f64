/**
 * `startServer()`: a PostgreSQL-protocol endpoint over one provider connection.
 *
 * Sessions are independent (their own statements, portals, settings and transaction state) and
 * share two things that are safe to share: the provider Connection, which runs concurrent
 * queries and keeps one rate-limit pacer and one token for the store, and the catalog engine,
 * which serialises its short calls. A client that misbehaves (garbage bytes, a truncated packet,
 * a disconnect mid-query) only ever ends its own session.
 *
 * Binding anywhere but loopback requires a password, checked with SCRAM-SHA-256 (or MD5).
 */
import { randomInt } from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import envPaths from 'env-paths';
import { loadCatalog } from '../catalog/loadCatalog';
import { systemTables } from '../catalog/systemTables';
import type { Catalog } from '../catalog/types';
import { BigCommerceSqlError } from '../errors';
import * as msg from './protocol/backendMessages';
import { CatalogEngine } from './engine/CatalogEngine';
import { storeShapes } from './exec/storeShapes';
import { RowEstimates } from './exec/RowEstimates';
import { passwordVerifier, type AuthMethod } from './protocol/passwordAuth';
import { PgSession, type ProviderQuery, type SessionServices } from './PgSession';

export interface ServeOptions {
  /** The provider connection every session queries (a Connection from connect()). */
  connection: ProviderQuery;
  /** Default 127.0.0.1. Any address that is not loopback requires `password`. */
  host?: string;
  /** Default 5433; 0 picks a free port. */
  port?: number;
  /** Required for non-loopback addresses; when set, every client must give it. */
  password?: string;
  /** Default scram-sha-256; md5 for old clients. */
  authMethod?: AuthMethod;
  /** Default: loadCatalog(). */
  catalog?: Catalog;
  /** Where the catalog engine's initialised data is cached; null disables caching. Default: the user cache dir. */
  cacheDir?: string | null;
  /** Values that must never reach a client (the connection's tokens and client secret). */
  secrets?: readonly string[];
  /**
   * The connection has a replica (CacheLocation or CacheConnection), so clients may send REPLICATE
   * to sync it. Default false: REPLICATE is refused.
   */
  replica?: boolean;
  /** Default 100. */
  maxConnections?: number;
  /**
   * Connections only clients that completed startup may use: connections still starting up may
   * hold at most maxConnections minus this many, so slow or idle sockets cannot lock everyone out.
   * Default 10 (at most a tenth of maxConnections).
   */
  reservedConnections?: number;
  /** Largest client message accepted, in bytes. Default 64 MiB. */
  maxMessageBytes?: number;
  /** Time a client has to complete startup and authentication. Default 10 s. */
  startupTimeoutMs?: number;
  /** Longest a catalog (pg_catalog, information_schema…) statement may run, in ms; 0 for none. Default 30 s. */
  catalogTimeoutMs?: number;
  /** Catalog engines that may run at once (each takes some 200 MB). Default 2. */
  catalogEngines?: number;
  /** Server events (connections, internal errors); default: discarded. */
  log?: (line: string) => void;
  /** Run INSERT, UPDATE, DELETE and UPSERT of BigCommerce tables; default false (read-only). */
  readWrite?: boolean;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Anything but loopback is reachable by others: refuse it without a password. */
export function requirePasswordOffLoopback(host: string, password: string | undefined): void {
  if (isLoopback(host) || password) return;
  throw new BigCommerceSqlError(
    'ERR_SERVE_PASSWORD_REQUIRED',
    `refusing to listen on ${host} without a password: anyone who can reach it could read the store. ` +
      'Give one (bcsql serve --password, or the BCSQL_SERVE_PASSWORD environment variable), or listen on 127.0.0.1',
  );
}

export function defaultCacheDir(): string {
  return path.join(envPaths('bigcommerce-sql').cache, 'serve');
}

export class PgServer {
  readonly #server: net.Server;
  readonly #engine: CatalogEngine;
  readonly #sessions = new Map<number, PgSession>();
  #closing: Promise<void> | undefined;

  private constructor(server: net.Server, engine: CatalogEngine) {
    this.#server = server;
    this.#engine = engine;
  }

  static async start(opts: ServeOptions): Promise<PgServer> {
    const host = opts.host ?? '127.0.0.1';
    requirePasswordOffLoopback(host, opts.password);
    const log = opts.log ?? ((): void => undefined);
    const catalog = opts.catalog ?? loadCatalog();
    const engine = await CatalogEngine.start({
      catalog,
      systemTables,
      cacheDir: opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir,
      log,
      timeoutMs: opts.catalogTimeoutMs,
      maxEngines: opts.catalogEngines,
    });
    const known = new Set(
      [...catalog.tables, ...systemTables, ...catalog.procedures].map((t) => t.name.toLowerCase()),
    );
    const procedures = new Map(catalog.procedures.map((p) => [p.name.toLowerCase(), p]));
    const names = { has: (n: string) => known.has(n), procedure: (n: string) => procedures.get(n) };
    const method = opts.authMethod ?? 'scram-sha-256';
    const server = net.createServer();
    const pg = new PgServer(server, engine);
    const services: SessionServices = {
      provider: opts.connection,
      replica: opts.replica ?? false,
      engine,
      names,
      auth: opts.password ? { method, verifier: passwordVerifier(opts.password, method) } : null,
      secrets: new Set((opts.secrets ?? []).filter((s) => s.length > 0)),
      readWrite: opts.readWrite ?? false,
      shapes: storeShapes(catalog, systemTables),
      procedures: new Set(catalog.procedures.map((p) => p.name.toLowerCase())),
      estimates: new RowEstimates(opts.connection, catalog),
      maxMessageBytes: opts.maxMessageBytes ?? 64 * 1024 * 1024,
      startupTimeoutMs: opts.startupTimeoutMs ?? 10_000,
      log,
      cancel: (processId, secretKey) => {
        if (pg.#sessions.get(processId)?.cancel(secretKey)) log(`session ${processId}: statement cancelled`);
      },
    };
    const maxConnections = opts.maxConnections ?? 100;
    const maxStarting =
      maxConnections - Math.min(opts.reservedConnections ?? 10, Math.floor(maxConnections / 10));
    let nextId = randomInt(1000, 30000);
    server.on('connection', (socket) => {
      if (!pg.#admit(maxConnections, maxStarting, log)) {
        socket.on('error', () => undefined);
        socket.end(
          msg.errorResponse(msg.errorFields('53300', 'sorry, too many clients already', {}, 'FATAL')),
        );
        return;
      }
      const id = nextId++;
      const session = new PgSession(socket, services, id, randomInt(1, 2 ** 31 - 1));
      pg.#sessions.set(id, session);
      void session.closed.then(() => pg.#sessions.delete(id));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 5433, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      await engine.close();
      throw new BigCommerceSqlError(
        'ERR_SERVE_LISTEN',
        `cannot listen on ${host}:${opts.port ?? 5433}: ${(err as Error).message}; choose another address with --listen`,
      );
    }
    server.on('error', (err) => log(`server error: ${err.message}`));
    return pg;
  }

  get host(): string {
    return (this.#server.address() as net.AddressInfo).address;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Open client sessions. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /**
   * Whether a new connection may start up. When the connections still starting up fill their
   * share (or every slot), the oldest of them gives way: a client that completes startup takes
   * milliseconds, so only sockets that stall (slowloris) lose out.
   */
  #admit(maxConnections: number, maxStarting: number, log: (line: string) => void): boolean {
    if (this.#closing) return false;
    const starting = [...this.#sessions.values()].filter((s) => s.starting);
    if (this.#sessions.size < maxConnections && starting.length < maxStarting) return true;
    const oldest = starting[0];
    if (!oldest) return false;
    log(
      `session ${oldest.processId}: still starting up with every slot taken; closing it for a new connection`,
    );
    oldest.evict();
    this.#sessions.delete(oldest.processId);
    return true;
  }

  /** Stops accepting, ends every session (FATAL 57P01), then stops the catalog engine. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      const sessions = [...this.#sessions.values()];
      for (const s of sessions) s.terminate();
      await Promise.race([Promise.all(sessions.map((s) => s.closed)), delay(2000)]);
      await stopped;
      await this.#engine.close();
    })();
    return this.#closing;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export function startServer(opts: ServeOptions): Promise<PgServer> {
  return PgServer.start(opts);
}
