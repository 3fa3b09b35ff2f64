import { decodeParam } from '../../src/server/protocol/decodeParam';
import { OID } from '../../src/server/protocol/pgTypes';

describe('parameters', () => {
  const p = (s: string, oid: number): unknown => decodeParam(Buffer.from(s), oid, 0, 0);

  it('turns text parameters into the values the provider compares with', () => {
    expect(p('42', OID.int4)).toBe(42);
    expect(p('9007199254740993', OID.int8)).toBe('9007199254740993');
    expect(p('1.25', OID.numeric)).toBe(1.25);
    expect(p('t', OID.bool)).toBe(true);
    expect(p('2024-05-01 10:00:00+02', OID.timestamptz)).toBe('2024-05-01T08:00:00Z');
    expect(p('2024-05-01', OID.date)).toBe('2024-05-01');
    expect(p('anything', 0)).toBe('anything');
    expect(decodeParam(null, OID.int4, 0, 0)).toBeNull();
  });

  it('reads binary parameters', () => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(86_401_000_000n);
    expect(decodeParam(b, OID.timestamptz, 1, 0)).toBe('2000-01-02T00:00:01Z');
    expect(decodeParam(Buffer.from([0, 0, 0, 5]), OID.int4, 1, 0)).toBe(5);
  });

  it('refuses a malformed parameter with SQLSTATE 22P02, naming it', () => {
    expect(() => p('12x', OID.int4)).toThrow(
      expect.objectContaining({
        sqlState: '22P02',
        message: 'invalid input syntax for type int4: "12x" (parameter $1)',
      }),
    );
    expect(() => decodeParam(Buffer.from([1, 2]), OID.int4, 1, 2)).toThrow(/parameter \$3/);
  });
});
