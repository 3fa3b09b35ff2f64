/**
 * Encoders for the server-to-client messages of PostgreSQL protocol 3.0 that the endpoint sends
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html). Each returns one
 * complete message: type byte, int32 length (including itself), body.
 */
import type { PgField } from './pgTypes';

function message(type: string, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

function cstring(s: string): Buffer {
  // A NUL inside a C string would cut it short and desynchronise the client.
  return Buffer.from(`${s.replace(/\0/g, '')}\0`, 'utf8');
}

function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
}

function int16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
}

export const authenticationOk = (): Buffer => message('R', int32(0));

export const authenticationMd5 = (salt: Buffer): Buffer => message('R', Buffer.concat([int32(5), salt]));

export const authenticationSasl = (mechanisms: string[]): Buffer =>
  message('R', Buffer.concat([int32(10), ...mechanisms.map(cstring), Buffer.from([0])]));

export const authenticationSaslContinue = (data: string): Buffer =>
  message('R', Buffer.concat([int32(11), Buffer.from(data, 'utf8')]));

export const authenticationSaslFinal = (data: string): Buffer =>
  message('R', Buffer.concat([int32(12), Buffer.from(data, 'utf8')]));

export const parameterStatus = (name: string, value: string): Buffer =>
  message('S', Buffer.concat([cstring(name), cstring(value)]));

export const backendKeyData = (processId: number, secretKey: number): Buffer =>
  message('K', Buffer.concat([int32(processId), int32(secretKey)]));

/** Transaction status: I idle, T in a transaction block, E in a failed transaction block. */
export const readyForQuery = (status: 'I' | 'T' | 'E'): Buffer => message('Z', Buffer.from(status, 'latin1'));

export function rowDescription(fields: readonly PgField[]): Buffer {
  const parts: Buffer[] = [int16(fields.length)];
  for (const f of fields) {
    const b = Buffer.allocUnsafe(18);
    b.writeInt32BE(f.tableOid, 0);
    b.writeInt16BE(f.column, 4);
    b.writeInt32BE(f.typeOid, 6);
    b.writeInt16BE(f.typeSize, 10);
    b.writeInt32BE(f.typeMod, 12);
    b.writeInt16BE(f.format, 16);
    parts.push(cstring(f.name), b);
  }
  return message('T', Buffer.concat(parts));
}

export function dataRow(values: ReadonlyArray<Buffer | null>): Buffer {
  const parts: Buffer[] = [int16(values.length)];
  for (const v of values) {
    if (v === null) parts.push(int32(-1));
    else parts.push(int32(v.length), v);
  }
  return message('D', Buffer.concat(parts));
}

export const commandComplete = (tag: string): Buffer => message('C', cstring(tag));
export const emptyQueryResponse = (): Buffer => message('I', Buffer.alloc(0));
export const parseComplete = (): Buffer => message('1', Buffer.alloc(0));
export const bindComplete = (): Buffer => message('2', Buffer.alloc(0));
export const closeComplete = (): Buffer => message('3', Buffer.alloc(0));
export const noData = (): Buffer => message('n', Buffer.alloc(0));
export const portalSuspended = (): Buffer => message('s', Buffer.alloc(0));

export const parameterDescription = (oids: readonly number[]): Buffer =>
  message('t', Buffer.concat([int16(oids.length), ...oids.map(int32)]));

/** ErrorResponse / NoticeResponse fields by their one-letter codes (S, V, C, M, D, H, P …). */
export type NoticeFields = Record<string, string>;

function fieldsBody(fields: NoticeFields): Buffer {
  const parts: Buffer[] = [];
  for (const [code, value] of Object.entries(fields)) {
    if (code.length === 1 && value !== undefined) parts.push(Buffer.from(code, 'latin1'), cstring(value));
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

export const errorResponse = (fields: NoticeFields): Buffer => message('E', fieldsBody(fields));
export const noticeResponse = (fields: NoticeFields): Buffer => message('N', fieldsBody(fields));

/** Reads the fields of an ErrorResponse or NoticeResponse body (from the embedded engine). */
export function readNoticeFields(body: Buffer): NoticeFields {
  const out: NoticeFields = {};
  let i = 0;
  while (i < body.length && body[i] !== 0) {
    const code = String.fromCharCode(body[i]);
    const end = body.indexOf(0, i + 1);
    if (end < 0) break;
    out[code] = body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}

/** The single-letter SQL state message for an error (severity ERROR unless given). */
export function errorFields(
  sqlState: string,
  text: string,
  extra: NoticeFields = {},
  severity = 'ERROR',
): NoticeFields {
  return { S: severity, V: severity, C: sqlState, M: text, ...extra };
}

/** The newest minor version of protocol 3 served, and the `_pq_.` options not recognised. */
export const negotiateProtocolVersion = (minor: number, unrecognised: string[]): Buffer =>
  message('v', Buffer.concat([int32(minor), int32(unrecognised.length), ...unrecognised.map(cstring)]));
