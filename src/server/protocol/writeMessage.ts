/**
 * The one way messages are written, to clients and to the embedded engine: pg-protocol's Writer
 * (the buffer builder node-postgres uses) fills the body and adds the type byte and length.
 */
import { Writer } from 'pg-protocol/dist/buffer-writer';

// Messages are built synchronously one at a time, so one writer serves them all.
const writer = new Writer();

export type { Writer };

/** One complete message: type byte, int32 length (including itself), then what `body` writes. */
export function writeMessage(type: string, body?: (w: Writer) => void): Buffer {
  try {
    body?.(writer);
  } catch (err) {
    writer.clear(); // a half-written body must not prefix the next message
    throw err;
  }
  return writer.flush(type.charCodeAt(0));
}

/** A C string; a NUL inside would cut it short and desynchronise the reader, so it is dropped. */
export function addCString(w: Writer, s: string): Writer {
  return w.addCString(s.includes('\0') ? s.replace(/\0/g, '') : s);
}

/** An int32-length-prefixed value; length -1 for SQL NULL. */
export function addValue(w: Writer, v: Buffer | null): Writer {
  return v === null ? w.addInt32(-1) : w.addInt32(v.length).add(v);
}
