/**
 * One client connection speaking PostgreSQL protocol 3.0: startup (SSLRequest answered 'N',
 * CancelRequest), password authentication, then the simple query protocol and the extended
 * protocol (Parse/Bind/Describe/Execute/Close/Sync/Flush), whose statements a StatementRunner
 * runs.
 *
 * Messages are handled strictly one at a time in arrival order (pipelining is safe), and nothing
 * a client sends can throw out of the session: a malformed message ends only this connection
 * with a FATAL error, and an error in a statement leaves the session usable.
 */
import type { Socket } from 'node:net';
import { SqlError } from '../errors';
import * as msg from './protocol/backendMessages';
import { quoteIdent, quoteLiteral } from './engine/catalogDdl';
import { errorResponseFields } from './protocol/errorFields';
import { FrameReader, type Frame } from './protocol/FrameReader';
import { protocolViolation } from './protocol/MessageReader';
import * as fe from './protocol/frontendMessages';
import {
  createAuthExchange,
  type AuthExchange,
  type AuthMethod,
  type PasswordVerifier,
} from './protocol/passwordAuth';
import { splitStatements } from './pgLexer';
import { SessionSettings } from './SessionSettings';
import { StatementRunner, type Output, type RunnerServices } from './StatementRunner';

export type { ProviderQuery } from './StatementRunner';

export interface SessionServices extends RunnerServices {
  /** null: no password (loopback only). */
  auth: { method: AuthMethod; verifier: PasswordVerifier } | null;
  maxMessageBytes: number;
  /** Milliseconds a client has to finish startup and authentication. */
  startupTimeoutMs: number;
  log(line: string): void;
  /** Handles a CancelRequest that arrived on this connection. */
  cancel(processId: number, secretKey: number): void;
}

const FLUSH_BYTES = 256 * 1024;
const HIGH_WATER = 1024 * 1024;
const STARTUP_IGNORED = new Set(['user', 'database', 'options', 'replication']);

export class PgSession {
  readonly #socket: Socket;
  readonly #services: SessionServices;
  readonly #reader: FrameReader;
  readonly #secretKey: number;
  #phase: 'startup' | 'auth' | 'ready' | 'closed' = 'startup';
  #out: Buffer[] = [];
  #outBytes = 0;
  #busy = false;
  #auth?: AuthExchange;
  #user = '';
  #startupParams: Record<string, string> = {};
  #runner?: StatementRunner;
  #skipToSync = false;
  readonly #output: Output = {
    send: (m) => this.#send(m),
    sendRows: (rows) => this.#sendRows(rows),
  };
  readonly #startupTimer: NodeJS.Timeout;
  readonly #closed: Promise<void>;

  constructor(
    socket: Socket,
    services: SessionServices,
    readonly processId: number,
    secretKey: number,
  ) {
    this.#socket = socket;
    this.#services = services;
    this.#secretKey = secretKey;
    this.#reader = new FrameReader(services.maxMessageBytes);
    this.#startupTimer = setTimeout(() => {
      services.log(`session ${processId}: no startup within ${services.startupTimeoutMs} ms; closing`);
      socket.destroy();
    }, services.startupTimeoutMs);
    this.#startupTimer.unref();
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#reader.push(chunk);
      if (this.#reader.buffered > HIGH_WATER) socket.pause();
      void this.#pump();
    });
    socket.on('error', () => undefined); // 'close' follows; a reset by the peer is not our error
    socket.on('close', () => this.#onClose());
  }

  /** Resolves when the connection has closed. */
  get closed(): Promise<void> {
    return this.#closed;
  }

  /** Still in startup or authentication. */
  get starting(): boolean {
    return this.#phase === 'startup' || this.#phase === 'auth';
  }

  /** Closes a connection that has not completed startup, to make room for another. */
  evict(): void {
    this.#socket.on('error', () => undefined);
    this.#socket.end(msg.errorResponse(msg.errorFields('53300', 'too many connections starting up at once; try again', {}, 'FATAL'))); // prettier-ignore
    this.#phase = 'closed';
    setTimeout(() => this.#socket.destroy(), 1000).unref();
  }

  /** A CancelRequest for this session: aborts the statement in flight, if the key matches. */
  cancel(secretKey: number): boolean {
    if (secretKey !== this.#secretKey) return false;
    this.#runner?.cancel();
    return true;
  }

  /** Ends the connection (server shutdown): the client sees FATAL 57P01. */
  terminate(): void {
    if (this.#phase === 'closed') return;
    this.#send(msg.errorResponse(msg.errorFields('57P01', 'terminating connection: bcsql serve is shutting down', {}, 'FATAL'))); // prettier-ignore
    void this.#flush().finally(() => {
      this.#socket.end();
      setTimeout(() => this.#socket.destroy(), 1000).unref();
    });
  }

  #onClose(): void {
    this.#phase = 'closed';
    clearTimeout(this.#startupTimer);
    this.#runner?.dispose();
    this.#out = [];
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (;;) {
        if (this.#phase === 'closed') return;
        let frame: Frame | undefined;
        try {
          frame = this.#reader.next();
        } catch (err) {
          await this.#fatal(err);
          return;
        }
        if (!frame) break;
        await this.#handle(frame);
      }
    } finally {
      this.#busy = false;
      if (this.#socket.isPaused() && this.#reader.buffered <= HIGH_WATER && this.#phase !== 'closed') {
        this.#socket.resume();
      }
    }
  }

  async #handle(frame: Frame): Promise<void> {
    try {
      if (this.#phase === 'startup') await this.#startup(frame.body);
      else if (this.#phase === 'auth') await this.#authenticate(frame);
      else if (this.#phase === 'ready') await this.#message(frame);
    } catch (err) {
      await this.#fatal(err);
    }
  }

  // ---- startup and authentication ---------------------------------------------------------

  async #startup(body: Buffer): Promise<void> {
    const packet = fe.readStartupPacket(body);
    if (packet.kind === 'ssl' || packet.kind === 'gssenc') {
      this.#socket.write('N'); // no TLS here: the client goes on in plain text or gives up
      return;
    }
    if (packet.kind === 'cancel') {
      this.#services.cancel(packet.processId, packet.secretKey);
      this.#socket.end();
      this.#phase = 'closed';
      return;
    }
    const { params } = packet;
    if (params.replication && !/^(false|off|no|0)$/i.test(params.replication)) {
      throw new SqlError('ERR_NOT_SUPPORTED', 'replication connections are not supported by bcsql serve', { sqlState: '0A000' }); // prettier-ignore
    }
    if (!params.user) {
      throw new SqlError('ERR_PROTOCOL', 'no PostgreSQL user name specified in startup packet', { sqlState: '28000' }); // prettier-ignore
    }
    this.#reader.startupDone();
    this.#user = params.user;
    this.#startupParams = params;
    const unknownOptions = Object.keys(params).filter((k) => k.startsWith('_pq_.'));
    if (packet.minor > 0 || unknownOptions.length > 0)
      this.#send(msg.negotiateProtocolVersion(0, unknownOptions));
    const auth = this.#services.auth;
    if (auth) {
      this.#phase = 'auth';
      this.#auth = createAuthExchange(auth.method, auth.verifier, this.#user);
      this.#send(this.#auth.begin());
      await this.#flush();
      return;
    }
    await this.#completeStartup();
  }

  async #authenticate(frame: Frame): Promise<void> {
    if (frame.type !== 'p')
      throw protocolViolation(`expected a password message, got message type "${frame.type}"`);
    const { reply, done } = this.#auth!.step(frame.body);
    for (const m of reply) this.#send(m);
    if (done) await this.#completeStartup();
    else await this.#flush();
  }

  async #completeStartup(): Promise<void> {
    const engine = this.#services.engine;
    const settings = new SessionSettings([
      ...engine.defaults,
      ['client_encoding', 'UTF8'],
      ['application_name', ''],
      ['default_transaction_read_only', 'on'],
      ['in_hot_standby', 'off'],
      ['is_superuser', 'off'],
      ['scram_iterations', '4096'],
      ['session_authorization', this.#user],
    ]);
    this.#runner = new StatementRunner(this.#services, settings);
    const requested = Object.entries(this.#startupParams).filter(
      ([k]) => !STARTUP_IGNORED.has(k) && !k.startsWith('_pq_.'),
    );
    requested.push(...commandLineOptions(this.#startupParams.options ?? ''));
    for (const [name, value] of requested) {
      if (SessionSettings.isFixed(name)) continue;
      const normalised = await engine.trySet(`SET ${quoteIdent(name)} TO ${quoteLiteral(value)}`, name);
      settings.set(name, normalised);
      settings.setDefault(name, normalised);
    }
    clearTimeout(this.#startupTimer);
    this.#send(msg.authenticationOk());
    for (const [name, value] of settings.reported()) this.#send(msg.parameterStatus(name, value));
    this.#send(msg.backendKeyData(this.processId, this.#secretKey));
    this.#send(msg.readyForQuery('I'));
    this.#phase = 'ready';
    await this.#flush();
    this.#services.log(`session ${this.processId}: user "${this.#user}" connected`);
  }

  // ---- messages after startup ---------------------------------------------------------------

  async #message(frame: Frame): Promise<void> {
    const { type, body } = frame;
    if (type === 'X') {
      this.#socket.end();
      this.#phase = 'closed';
      return;
    }
    if (type === 'S') {
      this.#skipToSync = false;
      this.#send(msg.readyForQuery(this.#runner!.transactionStatus));
      await this.#flush();
      return;
    }
    if (type === 'H') return this.#flush();
    if (this.#skipToSync) return;
    if (type === 'Q') return this.#simpleQuery(fe.readQuery(body));
    const runner = this.#runner!;
    const out = this.#output;
    try {
      switch (type) {
        case 'P':
          return await runner.parse(fe.readParse(body), out);
        case 'B':
          return runner.bind(fe.readBind(body), out);
        case 'D':
          return await runner.describe(fe.readTarget(body, 'Describe'), out);
        case 'E':
          return await runner.execute(fe.readExecute(body), out);
        case 'C':
          return runner.close(fe.readTarget(body, 'Close'), out);
        case 'F':
          throw new SqlError('ERR_NOT_SUPPORTED', 'the function-call protocol is not supported by bcsql serve', { sqlState: '0A000' }); // prettier-ignore
        case 'd':
        case 'c':
        case 'f':
          return; // COPY data outside COPY: PostgreSQL ignores it too
        default:
          throw protocolViolation(`invalid frontend message type "${type}"`);
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_PROTOCOL') throw err;
      this.#statementFailed(err);
      this.#skipToSync = true;
    }
  }

  async #simpleQuery(sql: string): Promise<void> {
    const statements = splitStatements(sql);
    if (statements.length === 0) this.#send(msg.emptyQueryResponse());
    for (const text of statements) {
      try {
        await this.#runner!.simple(text, this.#output);
      } catch (err) {
        this.#statementFailed(err);
        break; // as in PostgreSQL, the rest of the query string is not run
      }
    }
    this.#send(msg.readyForQuery(this.#runner!.transactionStatus));
    await this.#flush();
  }

  // ---- output ---------------------------------------------------------------------------------

  #statementFailed(err: unknown): void {
    this.#runner?.failed();
    this.#send(
      msg.errorResponse(
        errorResponseFields(err, (l) => this.#services.log(`session ${this.processId}: ${l}`)),
      ),
    );
  }

  async #fatal(err: unknown): Promise<void> {
    if (this.#phase === 'closed') return;
    const fields = {
      ...errorResponseFields(err, (l) => this.#services.log(`session ${this.processId}: ${l}`)),
    };
    fields.S = fields.V = 'FATAL';
    this.#send(msg.errorResponse(fields));
    await this.#flush();
    this.#phase = 'closed';
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 1000).unref();
  }

  #send(m: Buffer): void {
    this.#out.push(m);
    this.#outBytes += m.length;
  }

  async #sendRows(rows: Buffer[]): Promise<void> {
    for (const r of rows) {
      this.#send(r);
      if (this.#outBytes >= FLUSH_BYTES) await this.#flush();
    }
  }

  async #flush(): Promise<void> {
    if (this.#out.length === 0 || this.#phase === 'closed' || this.#socket.destroyed) {
      this.#out = [];
      this.#outBytes = 0;
      return;
    }
    const data = Buffer.concat(this.#out);
    this.#out = [];
    this.#outBytes = 0;
    if (this.#socket.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.#socket.off('drain', done);
        this.#socket.off('close', done);
        resolve();
      };
      this.#socket.on('drain', done);
      this.#socket.on('close', done);
    });
  }
}

/** `-c name=value` and `--name=value` from the startup `options` parameter (PGOPTIONS). */
function commandLineOptions(options: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const words = options.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let setting: string | undefined;
    if (words[i] === '-c') setting = words[++i];
    else if (words[i].startsWith('-c')) setting = words[i].slice(2);
    else if (words[i].startsWith('--')) setting = words[i].slice(2);
    const eq = setting?.indexOf('=') ?? -1;
    if (setting && eq > 0) out.push([setting.slice(0, eq).replace(/-/g, '_'), setting.slice(eq + 1)]);
  }
  return out;
}
