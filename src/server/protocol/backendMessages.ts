/**
 * Encoders for the server-to-client messages of PostgreSQL protocol 3.0 that the endpoint sends
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html), and the reader for
 * ErrorResponse/NoticeResponse fields. Each encoder returns one complete message.
 */
import { MessageReader } from './MessageReader';
import type { PgField } from './pgTypes';
import { addCString, addValue, writeMessage } from './writeMessage';

export const authenticationOk = (): Buffer => writeMessage('R', (w) => w.addInt32(0));

export const authenticationMd5 = (salt: Buffer): Buffer => writeMessage('R', (w) => w.addInt32(5).add(salt));

export const authenticationSasl = (mechanisms: string[]): Buffer =>
  writeMessage('R', (w) => {
    w.addInt32(10);
    for (const m of mechanisms) addCString(w, m);
    w.addCString('');
  });

export const authenticationSaslContinue = (data: string): Buffer =>
  writeMessage('R', (w) => w.addInt32(11).addString(data));

export const authenticationSaslFinal = (data: string): Buffer =>
  writeMessage('R', (w) => w.addInt32(12).addString(data));

export const parameterStatus = (name: string, value: string): Buffer =>
  writeMessage('S', (w) => addCString(addCString(w, name), value));

export const backendKeyData = (processId: number, secretKey: number): Buffer =>
  writeMessage('K', (w) => w.addInt32(processId).addInt32(secretKey));

/** Transaction status: I idle, T in a transaction block, E in a failed transaction block. */
export const readyForQuery = (status: 'I' | 'T' | 'E'): Buffer =>
  writeMessage('Z', (w) => w.addString(status));

export const rowDescription = (fields: readonly PgField[]): Buffer =>
  writeMessage('T', (w) => {
    w.addInt16(fields.length);
    for (const f of fields) {
      addCString(w, f.name)
        .addInt32(f.tableOid)
        .addInt16(f.column)
        .addInt32(f.typeOid)
        .addInt16(f.typeSize)
        .addInt32(f.typeMod)
        .addInt16(f.format);
    }
  });

export const dataRow = (values: ReadonlyArray<Buffer | null>): Buffer =>
  writeMessage('D', (w) => {
    w.addInt16(values.length);
    for (const v of values) addValue(w, v);
  });

export const commandComplete = (tag: string): Buffer => writeMessage('C', (w) => addCString(w, tag));
export const emptyQueryResponse = (): Buffer => writeMessage('I');
export const parseComplete = (): Buffer => writeMessage('1');
export const bindComplete = (): Buffer => writeMessage('2');
export const closeComplete = (): Buffer => writeMessage('3');
export const noData = (): Buffer => writeMessage('n');
export const portalSuspended = (): Buffer => writeMessage('s');

export const parameterDescription = (oids: readonly number[]): Buffer =>
  writeMessage('t', (w) => {
    w.addInt16(oids.length);
    for (const oid of oids) w.addInt32(oid);
  });

/** ErrorResponse / NoticeResponse fields by their one-letter codes (S, V, C, M, D, H, P …). */
export type NoticeFields = Record<string, string>;

function fieldsMessage(type: 'E' | 'N', fields: NoticeFields): Buffer {
  return writeMessage(type, (w) => {
    for (const [code, value] of Object.entries(fields)) {
      if (code.length === 1 && value !== undefined) addCString(w.addString(code), value);
    }
    w.addCString('');
  });
}

export const errorResponse = (fields: NoticeFields): Buffer => fieldsMessage('E', fields);
export const noticeResponse = (fields: NoticeFields): Buffer => fieldsMessage('N', fields);

/** Reads the fields of an ErrorResponse or NoticeResponse body (from the embedded engine). */
export function readNoticeFields(body: Buffer): NoticeFields {
  const out: NoticeFields = {};
  const r = new MessageReader(body, 'ErrorResponse');
  while (r.remaining > 0) {
    const code = r.byte();
    if (code === '\0') break;
    out[code] = r.cstring();
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
  writeMessage('v', (w) => {
    w.addInt32(minor).addInt32(unrecognised.length);
    for (const o of unrecognised) addCString(w, o);
  });
