/**
 * Cuts the client's byte stream into protocol messages. Before startup completes a packet is
 * `int32 length, body` (StartupMessage, SSLRequest, CancelRequest); afterwards every message is
 * `type byte, int32 length, body`. Lengths are checked before any memory is committed, so a
 * client that sends garbage or claims a huge message is refused instead of buffered.
 */
import { protocolViolation } from './MessageReader';

export interface Frame {
  /** Message type letter; null for a startup-phase packet. */
  type: string | null;
  body: Buffer;
}

/** PostgreSQL's own limit on a startup packet (MAX_STARTUP_PACKET_LENGTH). */
export const MAX_STARTUP_BYTES = 10_000;

export class FrameReader {
  readonly #maxMessageBytes: number;
  #chunks: Buffer[] = [];
  #total = 0;
  #startup = true;

  constructor(maxMessageBytes: number) {
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** Bytes received and not yet returned as frames. */
  get buffered(): number {
    return this.#total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#total += chunk.length;
  }

  /** After the StartupMessage: messages carry a type byte from now on. */
  startupDone(): void {
    this.#startup = false;
  }

  /** The next complete frame, or undefined until more bytes arrive. Throws on an impossible length. */
  next(): Frame | undefined {
    const headerSize = this.#startup ? 4 : 5;
    if (this.#total < headerSize) return undefined;
    const header = this.#peek(headerSize);
    const length = header.readInt32BE(headerSize - 4);
    if (this.#startup) {
      if (length < 8 || length > MAX_STARTUP_BYTES) {
        throw protocolViolation(`invalid startup packet length ${length}`);
      }
      if (this.#total < length) return undefined;
      return { type: null, body: this.#take(length).subarray(4) };
    }
    if (length < 4 || length > this.#maxMessageBytes) {
      throw protocolViolation(
        `invalid message length ${length} for message type "${printable(header[0])}" (limit ${this.#maxMessageBytes} bytes)`,
      );
    }
    if (this.#total < length + 1) return undefined;
    const frame = this.#take(length + 1);
    return { type: String.fromCharCode(frame[0]), body: frame.subarray(5) };
  }

  #peek(n: number): Buffer {
    if (this.#chunks[0].length >= n) return this.#chunks[0];
    const joined = Buffer.concat(this.#chunks);
    this.#chunks = [joined];
    return joined;
  }

  #take(n: number): Buffer {
    const first = this.#chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      const joined = Buffer.concat(this.#chunks);
      out = joined.subarray(0, n);
      this.#chunks = joined.length > n ? [joined.subarray(n)] : [];
    }
    this.#total -= n;
    return out;
  }
}

function printable(byte: number): string {
  return byte >= 32 && byte < 127 ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
}
