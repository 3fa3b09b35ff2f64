/**
 * Decoders for the client-to-server messages the endpoint understands (bounds checked by
 * MessageReader: a malformed body is a protocol violation, 08P01).
 */
import { MessageReader, protocolViolation } from './MessageReader';

export const PROTOCOL_3_0 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

export type StartupPacket =
  | { kind: 'ssl' }
  | { kind: 'gssenc' }
  | { kind: 'cancel'; processId: number; secretKey: number }
  | { kind: 'startup'; major: number; minor: number; params: Record<string, string> };

export function readStartupPacket(body: Buffer): StartupPacket {
  const r = new MessageReader(body, 'startup');
  const code = r.int32();
  if (code === SSL_REQUEST) return { kind: 'ssl' };
  if (code === GSSENC_REQUEST) return { kind: 'gssenc' };
  if (code === CANCEL_REQUEST) return { kind: 'cancel', processId: r.int32(), secretKey: r.int32() };
  const major = code >>> 16;
  const minor = code & 0xffff;
  if (major !== 3)
    throw protocolViolation(`unsupported frontend protocol ${major}.${minor}: server supports 3.0`);
  const params: Record<string, string> = {};
  for (;;) {
    const name = r.cstring();
    if (name === '') break;
    params[name] = r.cstring();
  }
  return { kind: 'startup', major, minor, params };
}

export const readQuery = (body: Buffer): string => new MessageReader(body, 'Query').cstring();

export interface ParseMessage {
  name: string;
  sql: string;
  paramTypes: number[];
}

export function readParse(body: Buffer): ParseMessage {
  const r = new MessageReader(body, 'Parse');
  const name = r.cstring();
  const sql = r.cstring();
  const n = r.int16();
  const paramTypes: number[] = [];
  for (let i = 0; i < n; i++) paramTypes.push(r.oid());
  return { name, sql, paramTypes };
}

export interface BindMessage {
  portal: string;
  statement: string;
  paramFormats: number[];
  values: Array<Buffer | null>;
  resultFormats: number[];
}

export function readBind(body: Buffer): BindMessage {
  const r = new MessageReader(body, 'Bind');
  const portal = r.cstring();
  const statement = r.cstring();
  const paramFormats = formats(r);
  const n = r.int16();
  const values: Array<Buffer | null> = [];
  for (let i = 0; i < n; i++) values.push(r.value());
  const resultFormats = formats(r);
  if (paramFormats.length > 1 && paramFormats.length !== n) {
    throw protocolViolation(`bind message has ${paramFormats.length} parameter formats but ${n} parameters`);
  }
  return { portal, statement, paramFormats, values, resultFormats };
}

function formats(r: MessageReader): number[] {
  const n = r.int16();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = r.int16();
    if (f !== 0 && f !== 1) throw protocolViolation(`unsupported format code ${f}`);
    out.push(f);
  }
  return out;
}

export interface TargetMessage {
  /** 'S' prepared statement, 'P' portal. */
  kind: 'S' | 'P';
  name: string;
}

/** Describe and Close share this shape. */
export function readTarget(body: Buffer, what: string): TargetMessage {
  const r = new MessageReader(body, what);
  const kind = r.byte();
  if (kind !== 'S' && kind !== 'P') throw protocolViolation(`invalid ${what} message subtype "${kind}"`);
  return { kind, name: r.cstring() };
}

export function readExecute(body: Buffer): { portal: string; maxRows: number } {
  const r = new MessageReader(body, 'Execute');
  return { portal: r.cstring(), maxRows: r.int32() };
}

/** SASLInitialResponse: the mechanism and the client-first message. */
export function readSaslInitial(body: Buffer): { mechanism: string; data: string } {
  const r = new MessageReader(body, 'SASLInitialResponse');
  const mechanism = r.cstring();
  const len = r.int32();
  return { mechanism, data: len < 0 ? '' : r.bytes(len).toString('utf8') };
}

export const readSaslResponse = (body: Buffer): string => body.toString('utf8');

/** PasswordMessage (MD5 and cleartext). */
export const readPassword = (body: Buffer): string => new MessageReader(body, 'PasswordMessage').cstring();
