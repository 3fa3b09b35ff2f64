/**
 * COPY … TO STDOUT output: a statement's RowDescription and DataRows turned into CopyOutResponse,
 * one CopyData per row, and CopyDone, in PostgreSQL's text, CSV or binary format. The values are
 * already PostgreSQL's text (or binary) forms, so only quoting and escaping happen here, by the
 * rules of PostgreSQL's copyto.c: a client reading the stream cannot tell it from PostgreSQL's.
 */
import { SqlError } from '../../errors';
import type { CopyRequest } from '../copyStatement';
import { readRowDescription } from './engineMessages';
import { MessageReader } from './MessageReader';
import { writeMessage } from './writeMessage';

const BINARY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TEXT_ESCAPES: Record<string, string> = { '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v' }; // prettier-ignore

export interface CopyOutput {
  /** CopyOutResponse, CopyData…, CopyDone. */
  messages: Buffer[];
  rowCount: number;
}

/** Turns a result (RowDescription + DataRows in the format the request needs) into COPY messages. */
export function copyOut(req: CopyRequest, rowDescription: Buffer | null, rows: Buffer[]): CopyOutput {
  const fields = rowDescription ? readRowDescription(rowDescription.subarray(5)) : [];
  const names = fields.map((f) => f.name);
  const unknown = req.forceQuote === '*' ? undefined : req.forceQuote.find((c) => !names.includes(c));
  if (unknown !== undefined) {
    throw new SqlError(
      'ERR_SQL',
      `column "${unknown}" named in FORCE_QUOTE does not exist in the copied rows`,
      { sqlState: '42703' },
    );
  }
  const format = req.format === 'binary' ? 1 : 0;
  const messages: Buffer[] = [copyOutResponse(format, fields.length)];
  if (req.format === 'binary') {
    messages.push(copyData(Buffer.concat([BINARY_SIGNATURE, Buffer.alloc(8)])));
    for (const row of rows) messages.push(copyData(binaryTuple(row)));
    const trailer = Buffer.alloc(2);
    trailer.writeInt16BE(-1);
    messages.push(copyData(trailer));
  } else {
    const line = req.format === 'csv' ? csvLine(req, names) : textLine(req);
    if (req.header) messages.push(copyData(line(names, true)));
    for (const row of rows) messages.push(copyData(line(textValues(row), false)));
  }
  messages.push(writeMessage('c'));
  return { messages, rowCount: rows.length };
}

function copyOutResponse(format: number, columns: number): Buffer {
  return writeMessage('H', (w) => {
    w.addString(String.fromCharCode(format)).addInt16(columns);
    for (let i = 0; i < columns; i++) w.addInt16(format);
  });
}

function copyData(data: Buffer): Buffer {
  return writeMessage('d', (w) => w.add(data));
}

function rawValues(dataRow: Buffer): Array<Buffer | null> {
  const r = new MessageReader(dataRow.subarray(5), 'DataRow');
  return Array.from({ length: r.int16() }, () => r.value());
}

function textValues(dataRow: Buffer): Array<string | null> {
  return rawValues(dataRow).map((v) => (v === null ? null : v.toString('utf8')));
}

/** A tuple of the binary format: field count, then each value length-prefixed (-1 for NULL). */
function binaryTuple(dataRow: Buffer): Buffer {
  const values = rawValues(dataRow);
  const parts: Buffer[] = [Buffer.alloc(2)];
  parts[0].writeInt16BE(values.length);
  for (const v of values) {
    const len = Buffer.alloc(4);
    len.writeInt32BE(v === null ? -1 : v.length);
    parts.push(len);
    if (v) parts.push(v);
  }
  return Buffer.concat(parts);
}

type LineWriter = (values: Array<string | null>, header: boolean) => Buffer;

function textLine(req: CopyRequest): LineWriter {
  const escape = (s: string): string => {
    let out = '';
    for (const c of s) {
      if (TEXT_ESCAPES[c]) out += `\\${TEXT_ESCAPES[c]}`;
      else if (c === '\\' || c === req.delimiter) out += `\\${c}`;
      else out += c;
    }
    return out;
  };
  return (values) =>
    Buffer.from(`${values.map((v) => (v === null ? req.null : escape(v))).join(req.delimiter)}\n`);
}

function csvLine(req: CopyRequest, names: string[]): LineWriter {
  const forced = names.map((n) => req.forceQuote === '*' || req.forceQuote.includes(n));
  const single = names.length === 1;
  const quote = (s: string, force: boolean): string => {
    const needs =
      force ||
      s === req.null ||
      (single && s === '\\.') ||
      [...s].some((c) => c === req.delimiter || c === req.quote || c === '\n' || c === '\r');
    if (!needs) return s;
    let out = req.quote;
    for (const c of s) out += c === req.quote || c === req.escape ? `${req.escape}${c}` : c;
    return out + req.quote;
  };
  return (values, header) =>
    Buffer.from(
      `${values.map((v, i) => (v === null ? req.null : quote(v, !header && forced[i]))).join(req.delimiter)}\n`,
    );
}
