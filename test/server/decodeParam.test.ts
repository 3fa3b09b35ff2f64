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
  it('reads one-dimensional arrays in text form, quoted elements and NULL included', () => {
    expect(p('{1,2,3}', 1007)).toEqual([1, 2, 3]);
    expect(p('{}', 1007)).toEqual([]);
    expect(p('{"a,b","c\\"d",NULL,plain}', 1009)).toEqual(['a,b', 'c"d', null, 'plain']);
    expect(p('{t,f}', 1000)).toEqual([true, false]);
  });

  it('reads a binary int4 array as JDBC and others send it', () => {
    const items = [7, 9];
    const b = Buffer.alloc(20 + items.length * 8);
    b.writeInt32BE(1, 0); // one dimension
    b.writeInt32BE(0, 4); // no NULLs
    b.writeUInt32BE(OID.int4, 8);
    b.writeInt32BE(items.length, 12);
    b.writeInt32BE(1, 16); // lower bound
    items.forEach((v, k) => {
      b.writeInt32BE(4, 20 + k * 8);
      b.writeInt32BE(v, 24 + k * 8);
    });
    expect(decodeParam(b, 1007, 1, 0)).toEqual([7, 9]);
  });

  it('refuses a malformed or nested array, naming the parameter', () => {
    expect(() => p('{1,x}', 1007)).toThrow(/invalid input syntax for type int4: "x" \(parameter \$1\)/);
    expect(() => p('{{1},{2}}', 1007)).toThrow(/parameter \$1 is not a valid array: only one-dimensional/);
    expect(() => p('1,2', 1007)).toThrow(expect.objectContaining({ sqlState: '22P02' }));
  });
});
