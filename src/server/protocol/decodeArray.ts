/**
 * One-dimensional PostgreSQL array parameters (what drivers send for `= ANY($1)`), decoded into
 * JavaScript arrays whose elements are decoded like scalar parameters of the element type.
 */
import { SqlError } from '../../errors';

/** Array type OID → element type OID, for the element types bcsql serve decodes. */
export const ARRAY_ELEMENT: Readonly<Record<number, number>> = {
  1000: 16, // bool[]
  1005: 21, // int2[]
  1007: 23, // int4[]
  1016: 20, // int8[]
  1028: 26, // oid[]
  1009: 25, // text[]
  1015: 1043, // varchar[]
  1014: 1042, // bpchar[]
  1021: 700, // float4[]
  1022: 701, // float8[]
  1231: 1700, // numeric[]
  1115: 1114, // timestamp[]
  1185: 1184, // timestamptz[]
  1182: 1082, // date[]
};

type DecodeElement = (raw: Buffer | null, oid: number, format: number) => unknown;

/** The elements of a text-format array literal such as `{1,2,"a,b",NULL}`, as raw strings. */
export function arrayLiteralItems(text: string, index: number): Array<string | null> {
  const s = text.trim();
  if (!s.startsWith('{') || !s.endsWith('}'))
    throw notArray(index, 'it does not start with { and end with }');
  const items: Array<string | null> = [];
  let i = 1;
  const end = s.length - 1;
  if (s.slice(1, end).trim() === '') return items;
  while (i <= end) {
    while (s[i] === ' ') i++;
    if (s[i] === '{') throw notArray(index, 'only one-dimensional arrays are supported');
    let item = '';
    let quoted = false;
    if (s[i] === '"') {
      quoted = true;
      for (i++; i < end && s[i] !== '"'; i++) item += s[i] === '\\' ? s[++i] : s[i];
      if (s[i] !== '"') throw notArray(index, 'a quoted element is not closed');
      i++;
    } else {
      for (; i < end && s[i] !== ','; i++) item += s[i] === '\\' ? s[++i] : s[i];
      item = item.trim();
    }
    items.push(!quoted && item.toUpperCase() === 'NULL' ? null : item);
    while (s[i] === ' ') i++;
    if (i < end && s[i] !== ',') throw notArray(index, `unexpected "${s[i]}" after an element`);
    i++;
  }
  return items;
}

/** Binary array: ndim, has-null flag, element OID, (size, lower bound) per dimension, then items. */
export function binaryArrayItems(
  raw: Buffer,
  index: number,
): { elementOid: number; items: Array<Buffer | null> } {
  if (raw.length < 12) throw notArray(index, 'the binary value is truncated');
  const ndim = raw.readInt32BE(0);
  const elementOid = raw.readUInt32BE(8);
  if (ndim === 0) return { elementOid, items: [] };
  if (ndim !== 1) throw notArray(index, 'only one-dimensional arrays are supported');
  const count = raw.readInt32BE(12);
  const items: Array<Buffer | null> = [];
  let at = 20;
  for (let k = 0; k < count; k++) {
    if (at + 4 > raw.length) throw notArray(index, 'the binary value is truncated');
    const len = raw.readInt32BE(at);
    at += 4;
    if (len < 0) {
      items.push(null);
      continue;
    }
    if (at + len > raw.length) throw notArray(index, 'the binary value is truncated');
    items.push(raw.subarray(at, at + len));
    at += len;
  }
  return { elementOid, items };
}

export function decodeArrayParam(
  raw: Buffer,
  oid: number,
  format: number,
  index: number,
  decodeElement: DecodeElement,
): unknown[] {
  if (format === 1) {
    const { elementOid, items } = binaryArrayItems(raw, index);
    return items.map((item) => decodeElement(item, elementOid, 1));
  }
  const elementOid = ARRAY_ELEMENT[oid];
  return arrayLiteralItems(raw.toString('utf8'), index).map((item) =>
    decodeElement(item === null ? null : Buffer.from(item, 'utf8'), elementOid, 0),
  );
}

function notArray(index: number, why: string): SqlError {
  return new SqlError('ERR_INVALID_PARAMETER_VALUE', `parameter $${index + 1} is not a valid array: ${why}`, {
    sqlState: '22P02',
  });
}
