/**
 * A bare-socket PostgreSQL client for tests that need what real drivers never send: garbage,
 * truncated packets, pipelined batches, row limits, hand-picked formats.
 */
import * as net from 'node:net';
import * as wire from '../../src/server/protocol/engineMessages';

export { wire };

export interface Received {
  type: string;
  body: Buffer;
}

export class RawClient {
  readonly socket: net.Socket;
  #buffer = Buffer.alloc(0);
  #waiters: Array<() => void> = [];
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.#wake();
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects and completes a startup without password; resolves after the first ReadyForQuery. */
  static async ready(port: number, params: Record<string, string> = {}): Promise<RawClient> {
    const c = await RawClient.connect(port);
    c.write(startupPacket({ user: 'raw', database: 'bigcommerce', ...params }));
    await c.until('Z');
    return c;
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Raw bytes received so far and not yet read as messages. */
  get pending(): Buffer {
    return this.#buffer;
  }

  /** Resolves when the server has closed the connection (or after `ms`, with false). */
  async waitClosed(ms = 5000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.closed;
  }

  /** Reads messages until one of type `type` (inclusive); throws if the connection closes first. */
  async until(type: string, ms = 20_000): Promise<Received[]> {
    const out: Received[] = [];
    const deadline = Date.now() + ms;
    for (;;) {
      while (this.#buffer.length >= 5) {
        const len = this.#buffer.readInt32BE(1);
        if (this.#buffer.length < len + 1) break;
        const m = { type: String.fromCharCode(this.#buffer[0]), body: this.#buffer.subarray(5, len + 1) };
        this.#buffer = this.#buffer.subarray(len + 1);
        out.push(m);
        if (m.type === type) return out;
      }
      if (this.closed)
        throw new Error(`connection closed before "${type}"; got ${out.map((m) => m.type).join('')}`);
      if (Date.now() > deadline)
        throw new Error(`no "${type}" within ${ms} ms; got ${out.map((m) => m.type).join('')}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  end(): void {
    this.socket.destroy();
  }
}

export function startupPacket(params: Record<string, string>, version = 196608): Buffer {
  const pairs = Object.entries(params).flatMap(([k, v]) => [Buffer.from(`${k}\0${v}\0`, 'utf8')]);
  const body = Buffer.concat([int32(version), ...pairs, Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(body.length + 4), body]);
}

/** Fields of an ErrorResponse/NoticeResponse body by code letter. */
export function fields(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length && body[i] !== 0) {
    const end = body.indexOf(0, i + 1);
    out[String.fromCharCode(body[i])] = body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}

export const dataRow = wire.readDataRow;

/** The values of a DataRow body as raw buffers (null for NULL). */
export function rawValues(body: Buffer): Array<Buffer | null> {
  const n = body.readInt16BE(0);
  const out: Array<Buffer | null> = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    out.push(len < 0 ? null : body.subarray(at, at + len));
    if (len > 0) at += len;
  }
  return out;
}

/** Parse/Bind/Execute for named statements and portals (engineProtocol's encoders use unnamed ones). */
export function parse(name: string, sql: string, types: number[] = []): Buffer {
  const t = Buffer.alloc(2 + types.length * 4);
  t.writeInt16BE(types.length);
  types.forEach((x, i) => t.writeInt32BE(x, 2 + i * 4));
  return message('P', Buffer.concat([Buffer.from(`${name}\0${sql}\0`, 'utf8'), t]));
}

export function bind(
  portal: string,
  statement: string,
  values: Array<string | null>,
  resultFormats: number[] = [],
): Buffer {
  const parts: Buffer[] = [Buffer.from(`${portal}\0${statement}\0`, 'utf8'), int16(0), int16(values.length)];
  for (const v of values) {
    if (v === null) parts.push(int32(-1));
    else parts.push(int32(Buffer.byteLength(v)), Buffer.from(v, 'utf8'));
  }
  parts.push(int16(resultFormats.length), ...resultFormats.map(int16));
  return message('B', Buffer.concat(parts));
}

export function execute(portal: string, maxRows = 0): Buffer {
  return message('E', Buffer.concat([Buffer.from(`${portal}\0`, 'utf8'), int32(maxRows)]));
}

export function describe(kind: 'S' | 'P', name: string): Buffer {
  return message('D', Buffer.from(`${kind}${name}\0`, 'utf8'));
}

export const sync = (): Buffer => message('S');
export const query = (sql: string): Buffer => message('Q', Buffer.from(`${sql}\0`, 'utf8'));

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

/** Sends a CancelRequest for the session with this BackendKeyData, on a connection of its own. */
export function sendCancel(port: number, processId: number, secretKey: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end(Buffer.concat([int32(16), int32(80877102), int32(processId), int32(secretKey)]));
    });
    s.on('close', () => resolve());
    s.on('error', reject);
  });
}
