/**
 * The client side of the wire protocol, for talking to the embedded PostgreSQL engine through
 * its raw-protocol entry point: the frontend messages we send it (pg-protocol's serializer, the
 * one node-postgres uses, except Bind, whose per-column result formats it cannot express) and
 * readers for the backend messages it answers with (which are forwarded to clients byte for
 * byte, so they are split here rather than parsed into objects).
 */
import { serialize } from 'pg-protocol';
import { MessageReader } from './MessageReader';
import { addCString, addValue, writeMessage } from './writeMessage';

export const query = (sql: string): Buffer => serialize.query(sql);

/** Parses into the unnamed statement. */
export const parse = (sql: string, paramTypes: readonly number[]): Buffer =>
  serialize.parse({ text: sql, types: paramTypes.map((t) => t | 0) });

export interface BindValues {
  paramFormats: readonly number[];
  values: ReadonlyArray<Buffer | null>;
  resultFormats: readonly number[];
}

/** Binds the unnamed statement to the unnamed portal. */
export const bind = (v: BindValues): Buffer =>
  writeMessage('B', (w) => {
    addCString(addCString(w, ''), '');
    w.addInt16(v.paramFormats.length);
    for (const f of v.paramFormats) w.addInt16(f);
    w.addInt16(v.values.length);
    for (const x of v.values) addValue(w, x);
    w.addInt16(v.resultFormats.length);
    for (const f of v.resultFormats) w.addInt16(f);
  });

export const describe = (kind: 'S' | 'P'): Buffer => serialize.describe({ type: kind });
export const execute = (): Buffer => serialize.execute();
export const sync = (): Buffer => serialize.sync();

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

export interface EngineField {
  name: string;
  tableOid: number;
  column: number;
  typeOid: number;
  typeSize: number;
  typeMod: number;
  format: number;
}

/** The field list of a RowDescription body. */
export function readRowDescription(body: Buffer): EngineField[] {
  const r = new MessageReader(body, 'RowDescription');
  return Array.from({ length: r.int16() }, () => ({
    name: r.cstring(),
    tableOid: r.oid(),
    column: r.int16(),
    typeOid: r.oid(),
    typeSize: r.int16(),
    typeMod: r.int32(),
    format: r.int16(),
  }));
}

/** The type OIDs of a ParameterDescription body. */
export function readParameterDescription(body: Buffer): number[] {
  const r = new MessageReader(body, 'ParameterDescription');
  return Array.from({ length: r.int16() }, () => r.oid());
}

/** The values of a DataRow body as text (null for NULL). */
export function readDataRow(body: Buffer): Array<string | null> {
  const r = new MessageReader(body, 'DataRow');
  return Array.from({ length: r.int16() }, () => r.value()?.toString('utf8') ?? null);
}
