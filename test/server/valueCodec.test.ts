import fc from 'fast-check';
import { OID } from '../../src/server/protocol/pgTypes';
import { decodeParam } from '../../src/server/protocol/decodeParam';
import { encodeValue, plainDecimal, textOf } from '../../src/server/protocol/valueCodec';

const text = (v: unknown, oid: number): string | null => encodeValue(v, oid, 0)?.toString('utf8') ?? null;

describe('text results', () => {
  it('prints values as PostgreSQL does with DateStyle ISO', () => {
    expect(text(true, OID.bool)).toBe('t');
    expect(text(0, OID.bool)).toBe('f');
    expect(text(42, OID.int4)).toBe('42');
    expect(text(36.99, OID.float8)).toBe('36.99');
    expect(text(Infinity, OID.float8)).toBe('Infinity');
    expect(text('2024-03-22T00:59:26Z', OID.timestamptz)).toBe('2024-03-22 00:59:26+00');
    expect(text('2024-03-22T00:59:26.120Z', OID.timestamptz)).toBe('2024-03-22 00:59:26.12+00');
    expect(text('2024-03-22T00:59:26Z', OID.timestamp)).toBe('2024-03-22 00:59:26');
    expect(text('2024-03-22T23:59:26-02:00', OID.date)).toBe('2024-03-23');
    expect(text({ a: [1] }, OID.json)).toBe('{"a":[1]}');
    expect(text(null, OID.text)).toBeNull();
  });

  it('never prints numeric with an exponent', () => {
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(plainDecimal(-2.5e22)).toBe('-25000000000000000000000');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = plainDecimal(n);
        expect(s).not.toMatch(/e/i);
        expect(Number(s)).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('passes text it cannot read as a timestamp through unchanged', () => {
    expect(textOf('not a date', OID.timestamptz)).toBe('not a date');
  });
});

describe('binary results', () => {
  const bin = (v: unknown, oid: number): Buffer => encodeValue(v, oid, 1)!;

  it('encodes the types drivers read in binary', () => {
    expect(bin(7, OID.int4)).toEqual(Buffer.from([0, 0, 0, 7]));
    expect(bin(-2, OID.int8).readBigInt64BE(0)).toBe(-2n);
    expect(bin(1.5, OID.float8).readDoubleBE(0)).toBe(1.5);
    expect(bin(true, OID.bool)).toEqual(Buffer.from([1]));
    // 2000-01-02T00:00:01Z is 86401 s after PostgreSQL's epoch.
    expect(bin('2000-01-02T00:00:01Z', OID.timestamptz).readBigInt64BE(0)).toBe(86_401_000_000n);
    expect(bin('2000-01-03', OID.date).readInt32BE(0)).toBe(2);
  });

  it('encodes numeric in base 10000 and reads it back', () => {
    for (const v of ['12.5', '-0.0001', '123456789.0123', '0', '10000']) {
      const b = bin(v, OID.numeric);
      expect(decodeParam(b, OID.numeric, 1, 0)).toBe(Number(v));
    }
  });

  it('refuses an integer that does not fit binary int4 with SQLSTATE 22003', () => {
    expect(() => bin(2 ** 31, OID.int4)).toThrow(expect.objectContaining({ sqlState: '22003' }));
    expect(text(2 ** 31, OID.int4)).toBe('2147483648');
  });
});
