/**
 * Bind parameters as the provider wants them, from PostgreSQL's text or binary formats.
 */
import { SqlError } from '../../errors';
import { ARRAY_ELEMENT, decodeArrayParam } from './decodeArray';
import { OID, typeName } from './pgTypes';
import { DAY_MS, parseTimestamp, PG_EPOCH_MS, truthy } from './valueCodec';

/**
 * A Bind parameter as the provider wants it: numbers for numeric types, booleans, datetimes in
 * the provider's stored form ('YYYY-MM-DDTHH:MM:SSZ', so text comparison orders them), strings
 * otherwise; arrays (one-dimensional) as arrays of those. `oid` 0 (unspecified) keeps the text.
 */
export function decodeParam(raw: Buffer | null, oid: number, format: number, index: number): unknown {
  if (raw === null) return null;
  if (ARRAY_ELEMENT[oid] !== undefined) {
    return decodeArrayParam(raw, oid, format, index, (item, elementOid, f) =>
      decodeParam(item, elementOid, f, index),
    );
  }
  if (format === 1) return decodeBinaryParam(raw, oid, index);
  const text = raw.toString('utf8');
  switch (oid) {
    case OID.bool:
      return truthy(text);
    case OID.int2:
    case OID.int4:
    case OID.int8:
    case OID.oid: {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) throw badParam(index, oid, text);
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text.trim();
    }
    case OID.float4:
    case OID.float8:
    case OID.numeric: {
      const n = Number(text);
      if (text.trim() === '' || (Number.isNaN(n) && text.trim() !== 'NaN')) throw badParam(index, oid, text);
      return n;
    }
    case OID.timestamp:
    case OID.timestamptz:
      return providerTimestamp(text, index, oid);
    case OID.date: {
      const t = parseTimestamp(text);
      if (!t) throw badParam(index, oid, text);
      return t.iso.slice(0, 10);
    }
    default:
      return text;
  }
}

function decodeBinaryParam(raw: Buffer, oid: number, index: number): unknown {
  const need = (n: number): void => {
    if (raw.length !== n) throw badParam(index, oid, `${raw.length}-byte binary value`);
  };
  switch (oid) {
    case OID.bool:
      need(1);
      return raw[0] !== 0;
    case OID.int2:
      need(2);
      return raw.readInt16BE(0);
    case OID.int4:
      need(4);
      return raw.readInt32BE(0);
    case OID.oid:
      need(4);
      return raw.readUInt32BE(0);
    case OID.int8: {
      need(8);
      const n = raw.readBigInt64BE(0);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(n)
        : String(n);
    }
    case OID.float4:
      need(4);
      return raw.readFloatBE(0);
    case OID.float8:
      need(8);
      return raw.readDoubleBE(0);
    case OID.numeric:
      if (raw.length < 8) throw badParam(index, oid, 'truncated numeric');
      return Number(numericFromBinary(raw));
    case OID.timestamp:
    case OID.timestamptz: {
      need(8);
      const micros = raw.readBigInt64BE(0);
      return storedForm(new Date(PG_EPOCH_MS + Number(micros / 1000n)).toISOString());
    }
    case OID.date:
      need(4);
      return new Date(PG_EPOCH_MS + raw.readInt32BE(0) * DAY_MS).toISOString().slice(0, 10);
    case OID.bytea:
      return raw;
    case OID.jsonb:
      return raw.subarray(1).toString('utf8');
    case 0:
    case OID.text:
    case OID.varchar:
    case OID.bpchar:
    case OID.name:
    case OID.unknown:
    case OID.json:
    case OID.xml:
      return raw.toString('utf8');
    default:
      throw new SqlError(
        'ERR_NOT_SUPPORTED',
        `parameter $${index + 1}: binary format for ${typeName(oid)} is not supported by bcsql serve; send it as text`,
        { sqlState: '0A000' },
      );
  }
}

function providerTimestamp(text: string, index: number, oid: number): string {
  const t = parseTimestamp(text);
  if (!t) throw badParam(index, oid, text);
  return storedForm(t.iso);
}

/** 'YYYY-MM-DDTHH:MM:SSZ' when the milliseconds are zero, as the provider stores datetimes. */
function storedForm(iso: string): string {
  return iso.replace(/\.000Z$/, 'Z');
}

function badParam(index: number, oid: number, text: string): SqlError {
  return new SqlError(
    'ERR_INVALID_PARAMETER_VALUE',
    `invalid input syntax for type ${typeName(oid)}: "${text}" (parameter $${index + 1})`,
    { sqlState: '22P02' },
  );
}

function numericFromBinary(b: Buffer): string {
  const n = b.readInt16BE(0);
  const weight = b.readInt16BE(2);
  const sign = b.readUInt16BE(4);
  const scale = b.readInt16BE(6);
  if (sign === 0xc000) return 'NaN';
  if (sign === 0xd000) return 'Infinity';
  if (sign === 0xf000) return '-Infinity';
  let int = '';
  let frac = '';
  for (let i = 0; i < n; i++) {
    const d = String(b.readUInt16BE(8 + i * 2)).padStart(4, '0');
    if (i <= weight) int += d;
    else frac += d;
  }
  if (weight >= n) int += '0000'.repeat(weight - n + 1);
  if (weight < -1) frac = '0000'.repeat(-weight - 1) + frac;
  int = int.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.padEnd(scale, '0').slice(0, scale);
  return `${sign === 0x4000 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
