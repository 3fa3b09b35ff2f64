/**
 * The client side of the wire protocol, for talking to the embedded PostgreSQL engine through
 * its raw-protocol entry point: encoders for the frontend messages we send it, and a splitter for
 * the backend messages it answers with (which are forwarded to clients byte for byte).
 */

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const out = Buffer.allocUnsafe(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

const cstring = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf8');

function int16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
}

export const query = (sql: string): Buffer => message('Q', cstring(sql));

export const parse = (sql: string, paramTypes: readonly number[]): Buffer =>
  message('P', cstring(''), cstring(sql), int16(paramTypes.length), ...paramTypes.map((t) => int32(t | 0)));

export interface BindValues {
  paramFormats: readonly number[];
  values: ReadonlyArray<Buffer | null>;
  resultFormats: readonly number[];
}

/** Binds the unnamed statement to the unnamed portal. */
export function bind(v: BindValues): Buffer {
  const values = v.values.flatMap((x) => (x === null ? [int32(-1)] : [int32(x.length), x]));
  return message(
    'B',
    cstring(''),
    cstring(''),
    int16(v.paramFormats.length),
    ...v.paramFormats.map(int16),
    int16(v.values.length),
    ...values,
    int16(v.resultFormats.length),
    ...v.resultFormats.map(int16),
  );
}

export const describe = (kind: 'S' | 'P'): Buffer => message('D', Buffer.from(kind, 'latin1'), cstring(''));
export const execute = (): Buffer => message('E', cstring(''), int32(0));
export const sync = (): Buffer => message('S');

export interface BackendMessage {
  type: string;
  /** The whole message, header included, ready to forward. */
  raw: Buffer;
  body: Buffer;
}

export function splitMessages(data: Uint8Array): BackendMessage[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: BackendMessage[] = [];
  let at = 0;
  while (at + 5 <= buf.length) {
    const len = buf.readInt32BE(at + 1);
    const end = at + 1 + len;
    if (len < 4 || end > buf.length) break;
    // Copy: the engine may reuse its output buffer on the next call.
    const raw = Buffer.from(buf.subarray(at, end));
    out.push({ type: String.fromCharCode(raw[0]), raw, body: raw.subarray(5) });
    at = end;
  }
  return out;
}

/** The field list of a RowDescription body. */
export function readRowDescription(body: Buffer): Array<{
  name: string;
  tableOid: number;
  column: number;
  typeOid: number;
  typeSize: number;
  typeMod: number;
  format: number;
}> {
  const n = body.readInt16BE(0);
  const out = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const end = body.indexOf(0, at);
    const name = body.toString('utf8', at, end);
    at = end + 1;
    out.push({
      name,
      tableOid: body.readUInt32BE(at),
      column: body.readInt16BE(at + 4),
      typeOid: body.readUInt32BE(at + 6),
      typeSize: body.readInt16BE(at + 10),
      typeMod: body.readInt32BE(at + 12),
      format: body.readInt16BE(at + 16),
    });
    at += 18;
  }
  return out;
}

/** The type OIDs of a ParameterDescription body. */
export function readParameterDescription(body: Buffer): number[] {
  const n = body.readInt16BE(0);
  return Array.from({ length: n }, (_, i) => body.readUInt32BE(2 + i * 4));
}

/** The values of a DataRow body as text (null for NULL). */
export function readDataRow(body: Buffer): Array<string | null> {
  const n = body.readInt16BE(0);
  const out: Array<string | null> = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    if (len < 0) out.push(null);
    else {
      out.push(body.toString('utf8', at, at + len));
      at += len;
    }
  }
  return out;
}
