/**
 * Decoders for the client-to-server messages the endpoint understands. Every read is bounds
 * checked: a malformed body is a protocol violation (08P01), never an exception from Buffer.
 */
import { protocolViolation } from './FrameReader';

export const PROTOCOL_3_0 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

class BodyReader {
  #at = 0;
  constructor(
    private readonly body: Buffer,
    private readonly what: string,
  ) {}

  #need(n: number): void {
    if (this.#at + n > this.body.length) throw protocolViolation(`${this.what} message is truncated`);
  }
  int16(): number {
    this.#need(2);
    const v = this.body.readInt16BE(this.#at);
    this.#at += 2;
    return v;
  }
  int32(): number {
    this.#need(4);
    const v = this.body.readInt32BE(this.#at);
    this.#at += 4;
    return v;
  }
  byte(): string {
    this.#need(1);
    return String.fromCharCode(this.body[this.#at++]);
  }
  cstring(): string {
    const end = this.body.indexOf(0, this.#at);
    if (end < 0) throw protocolViolation(`${this.what} message has an unterminated string`);
    const s = this.body.toString('utf8', this.#at, end);
    this.#at = end + 1;
    return s;
  }
  bytes(n: number): Buffer {
    if (n < 0) throw protocolViolation(`${this.what} message has a negative length`);
    this.#need(n);
    const b = this.body.subarray(this.#at, this.#at + n);
    this.#at += n;
    return b;
  }
}

export type StartupPacket =
  | { kind: 'ssl' }
  | { kind: 'gssenc' }
  | { kind: 'cancel'; processId: number; secretKey: number }
  | { kind: 'startup'; major: number; minor: number; params: Record<string, string> };

export function readStartupPacket(body: Buffer): StartupPacket {
  const r = new BodyReader(body, 'startup');
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

export const readQuery = (body: Buffer): string => new BodyReader(body, 'Query').cstring();

export interface ParseMessage {
  name: string;
  sql: string;
  paramTypes: number[];
}

export function readParse(body: Buffer): ParseMessage {
  const r = new BodyReader(body, 'Parse');
  const name = r.cstring();
  const sql = r.cstring();
  const n = r.int16();
  const paramTypes: number[] = [];
  for (let i = 0; i < n; i++) paramTypes.push(r.int32() >>> 0);
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
  const r = new BodyReader(body, 'Bind');
  const portal = r.cstring();
  const statement = r.cstring();
  const paramFormats = formats(r);
  const n = r.int16();
  const values: Array<Buffer | null> = [];
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    values.push(len === -1 ? null : r.bytes(len));
  }
  const resultFormats = formats(r);
  if (paramFormats.length > 1 && paramFormats.length !== n) {
    throw protocolViolation(`bind message has ${paramFormats.length} parameter formats but ${n} parameters`);
  }
  return { portal, statement, paramFormats, values, resultFormats };
}

function formats(r: BodyReader): number[] {
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
  const r = new BodyReader(body, what);
  const kind = r.byte();
  if (kind !== 'S' && kind !== 'P') throw protocolViolation(`invalid ${what} message subtype "${kind}"`);
  return { kind, name: r.cstring() };
}

export function readExecute(body: Buffer): { portal: string; maxRows: number } {
  const r = new BodyReader(body, 'Execute');
  return { portal: r.cstring(), maxRows: r.int32() };
}

/** SASLInitialResponse: the mechanism and the client-first message. */
export function readSaslInitial(body: Buffer): { mechanism: string; data: string } {
  const r = new BodyReader(body, 'SASLInitialResponse');
  const mechanism = r.cstring();
  const len = r.int32();
  return { mechanism, data: len < 0 ? '' : r.bytes(len).toString('utf8') };
}

export const readSaslResponse = (body: Buffer): string => body.toString('utf8');

/** PasswordMessage (MD5 and cleartext). */
export const readPassword = (body: Buffer): string => new BodyReader(body, 'PasswordMessage').cstring();
