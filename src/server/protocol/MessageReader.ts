/**
 * Reads the body of one protocol message. Every read is bounds checked: a malformed body (from a
 * client or from the embedded engine) is a protocol violation (08P01), never an exception from
 * Buffer and never a read past the message.
 */
import { BigCommerceSqlError } from '../../errors';

export function protocolViolation(message: string): BigCommerceSqlError {
  return new BigCommerceSqlError('ERR_PROTOCOL', message, { sqlState: '08P01' });
}

export class MessageReader {
  #at = 0;
  readonly #body: Buffer;
  readonly #what: string;

  constructor(body: Buffer, what: string) {
    this.#body = body;
    this.#what = what;
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.#body.length - this.#at;
  }

  #need(n: number): void {
    if (this.#at + n > this.#body.length) throw protocolViolation(`${this.#what} message is truncated`);
  }

  int16(): number {
    this.#need(2);
    const v = this.#body.readInt16BE(this.#at);
    this.#at += 2;
    return v;
  }

  int32(): number {
    this.#need(4);
    const v = this.#body.readInt32BE(this.#at);
    this.#at += 4;
    return v;
  }

  /** An object id: int32 on the wire, unsigned in meaning. */
  oid(): number {
    return this.int32() >>> 0;
  }

  byte(): string {
    this.#need(1);
    return String.fromCharCode(this.#body[this.#at++]);
  }

  cstring(): string {
    const end = this.#body.indexOf(0, this.#at);
    if (end < 0) throw protocolViolation(`${this.#what} message has an unterminated string`);
    const s = this.#body.toString('utf8', this.#at, end);
    this.#at = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    if (n < 0) throw protocolViolation(`${this.#what} message has a negative length`);
    this.#need(n);
    const b = this.#body.subarray(this.#at, this.#at + n);
    this.#at += n;
    return b;
  }

  /** An int32-length-prefixed value; null for length -1 (SQL NULL). */
  value(): Buffer | null {
    const len = this.int32();
    return len === -1 ? null : this.bytes(len);
  }
}
