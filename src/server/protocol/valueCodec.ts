/**
 * Result values from the provider (JS values from SQLite: numbers, strings, booleans, ISO 8601
 * UTC text for datetimes) in the PostgreSQL wire formats: text, as PostgreSQL prints it with
 * DateStyle ISO, and binary for the types drivers ask binary for (JDBC: ints, floats, bool,
 * timestamps, dates, numeric). Parameters go the other way in decodeParam.ts.
 */
import { SqlError } from '../../errors';
import { OID, typeName } from './pgTypes';

/** PostgreSQL's epoch, 2000-01-01 UTC, as Unix epoch milliseconds. */
export const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
export const DAY_MS = 86_400_000;
const ISO =
  /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Encodes one value for a DataRow; null for SQL NULL. */
export function encodeValue(value: unknown, oid: number, format: number): Buffer | null {
  if (value === null || value === undefined) return null;
  return format === 1 ? encodeBinary(value, oid) : Buffer.from(textOf(value, oid), 'utf8');
}

export function textOf(value: unknown, oid: number): string {
  switch (oid) {
    case OID.bool:
      return truthy(value) ? 't' : 'f';
    case OID.float4:
    case OID.float8:
      return typeof value === 'number' ? floatText(value) : String(value);
    case OID.numeric:
      return typeof value === 'number' ? plainDecimal(value) : String(value);
    case OID.int2:
    case OID.int4:
    case OID.int8:
      return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    case OID.timestamptz:
      return timestampText(value, true);
    case OID.timestamp:
      return timestampText(value, false);
    case OID.date: {
      const t = parseTimestamp(value);
      return t ? t.iso.slice(0, 10) : String(value);
    }
    case OID.bytea:
      return Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : String(value);
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

export function truthy(v: unknown): boolean {
  if (typeof v === 'string') return /^(t|true|1|y|yes|on)$/i.test(v.trim());
  return Boolean(v);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** numeric never prints an exponent. */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) return floatText(n);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = lead + frac;
  if (exp >= 0) return sign + (digits + '0'.repeat(Math.max(0, exp - frac.length))).replace(/^0+(?=\d)/, '');
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

interface Timestamp {
  /** Milliseconds since the Unix epoch (UTC). */
  ms: number;
  /** Microseconds within the millisecond (from text with more than 3 fraction digits). */
  extraMicros: number;
  /** 'YYYY-MM-DDTHH:MM:SS.mmmZ' */
  iso: string;
}

/** Reads an ISO 8601 / PostgreSQL timestamp (or a Date); undefined when the text is not one. */
export function parseTimestamp(value: unknown): Timestamp | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : { ms, extraMicros: 0, iso: value.toISOString() };
  }
  if (typeof value !== 'string') return undefined;
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const fraction = frac ? frac.slice(1).padEnd(6, '0').slice(0, 6) : '000000';
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  ms += Number(fraction.slice(0, 3));
  if (zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    ms -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000;
  }
  if (Number.isNaN(ms)) return undefined;
  return { ms, extraMicros: Number(fraction.slice(3)), iso: new Date(ms).toISOString() };
}

function timestampText(value: unknown, withZone: boolean): string {
  const t = parseTimestamp(value);
  if (!t) return String(value);
  const micros = `${t.iso.slice(20, 23)}${String(t.extraMicros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${t.iso.slice(0, 10)} ${t.iso.slice(11, 19)}${micros ? `.${micros}` : ''}${withZone ? '+00' : ''}`;
}

function encodeBinary(value: unknown, oid: number): Buffer {
  switch (oid) {
    case OID.bool:
      return Buffer.from([truthy(value) ? 1 : 0]);
    case OID.int2:
      return intBuffer(value, 2, oid);
    case OID.int4:
      return intBuffer(value, 4, oid);
    case OID.int8:
      return intBuffer(value, 8, oid);
    case OID.oid: {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(Number(value) >>> 0);
      return b;
    }
    case OID.float4: {
      const b = Buffer.alloc(4);
      b.writeFloatBE(Number(value));
      return b;
    }
    case OID.float8: {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(Number(value));
      return b;
    }
    case OID.numeric:
      return numericBinary(typeof value === 'number' ? plainDecimal(value) : String(value));
    case OID.timestamp:
    case OID.timestamptz: {
      const t = requireTimestamp(value, oid);
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt(t.ms - PG_EPOCH_MS) * 1000n + BigInt(t.extraMicros));
      return b;
    }
    case OID.date: {
      const t = requireTimestamp(value, oid);
      const b = Buffer.alloc(4);
      b.writeInt32BE(Math.floor((t.ms - PG_EPOCH_MS) / DAY_MS));
      return b;
    }
    case OID.bytea:
      return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
    case OID.jsonb:
      return Buffer.concat([Buffer.from([1]), Buffer.from(textOf(value, oid), 'utf8')]);
    case OID.text:
    case OID.varchar:
    case OID.bpchar:
    case OID.name:
    case OID.unknown:
    case OID.json:
    case OID.xml:
      return Buffer.from(textOf(value, oid), 'utf8');
    default:
      throw new SqlError(
        'ERR_NOT_SUPPORTED',
        `binary format for ${typeName(oid)} results is not supported by bcsql serve; ask for text format`,
        { sqlState: '0A000' },
      );
  }
}

function intBuffer(value: unknown, size: 2 | 4 | 8, oid: number): Buffer {
  let n: bigint;
  try {
    n = BigInt(typeof value === 'boolean' ? Number(value) : (value as number | string));
  } catch {
    throw new SqlError('ERR_VALUE_OUT_OF_RANGE', `value ${String(value)} is not an integer, so it has no binary ${typeName(oid)} form; ask for text format`, { sqlState: '22003' }); // prettier-ignore
  }
  const bits = BigInt(size * 8 - 1);
  if (n < -(1n << bits) || n >= 1n << bits) {
    throw new SqlError(
      'ERR_VALUE_OUT_OF_RANGE',
      `value ${n} is out of range for binary ${typeName(oid)}; ask for text format to receive it`,
      { sqlState: '22003' },
    );
  }
  const b = Buffer.alloc(size);
  if (size === 2) b.writeInt16BE(Number(n));
  else if (size === 4) b.writeInt32BE(Number(n));
  else b.writeBigInt64BE(n);
  return b;
}

function requireTimestamp(value: unknown, oid: number): Timestamp {
  const t = parseTimestamp(value);
  if (!t) {
    throw new SqlError('ERR_VALUE_OUT_OF_RANGE', `value "${String(value)}" is not a valid ${typeName(oid)}`, {
      sqlState: '22007',
    });
  }
  return t;
}

/** PostgreSQL's binary numeric: base-10000 digits, weight, sign, display scale. */
function numericBinary(text: string): Buffer {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) {
    const b = Buffer.alloc(8);
    b.writeUInt16BE(0xc000, 4); // NaN (and anything that is not a plain decimal)
    return b;
  }
  const [, sign, intPart = '', fracPart = ''] = m;
  const intDigits = intPart.replace(/^0+/, '');
  const padInt = intDigits.padStart(Math.ceil(intDigits.length / 4) * 4, '0');
  const padFrac = fracPart.padEnd(Math.ceil(fracPart.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < padInt.length; i += 4) groups.push(Number(padInt.slice(i, i + 4)));
  for (let i = 0; i < padFrac.length; i += 4) groups.push(Number(padFrac.slice(i, i + 4)));
  let weight = padInt.length / 4 - 1;
  while (groups.length > 0 && groups[0] === 0) {
    groups.shift();
    weight--;
  }
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  if (groups.length === 0) weight = 0;
  const b = Buffer.alloc(8 + groups.length * 2);
  b.writeInt16BE(groups.length, 0);
  b.writeInt16BE(weight, 2);
  b.writeUInt16BE(sign === '-' && groups.length > 0 ? 0x4000 : 0, 4);
  b.writeInt16BE(fracPart.length, 6);
  groups.forEach((g, i) => b.writeUInt16BE(g, 8 + i * 2));
  return b;
}
