/**
 * Protocol details no single driver exercises on its own: pipelined batches, row limits with
 * PortalSuspended, binary result formats, Describe before Bind, SSLRequest, protocol version
 * negotiation, and errors in the middle of a batch.
 */
import * as net from 'node:net';
import { readNoticeFields } from '../../src/server/protocol/backendMessages';
import { parseTimestamp } from '../../src/server/protocol/valueCodec';
import {
  bind,
  dataRow,
  describe as describeMsg,
  execute,
  fields,
  parse,
  query,
  rawValues,
  RawClient,
  startupPacket,
  sync,
  int32,
  wire,
} from './rawClient';
import { START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let t: TestServer;
let c: RawClient;

beforeAll(async () => {
  t = await startTestServer();
}, START_TIMEOUT);

beforeEach(async () => {
  c = await RawClient.ready(t.port);
});

afterEach(() => c?.end());

afterAll(async () => {
  await t?.close();
});

const types = (out: { type: string }[]): string => out.map((m) => m.type).join('');

/** A numeric in PostgreSQL's binary format (base-10000 digits) as a JavaScript number. */
function numericBinary(b: Buffer): number {
  const [ndigits, weight, sign] = [b.readInt16BE(0), b.readInt16BE(2), b.readUInt16BE(4)];
  let n = 0;
  for (let i = 0; i < ndigits; i++) n += b.readInt16BE(8 + 2 * i) * 10000 ** (weight - i);
  return Number((sign === 0x4000 ? -n : n).toFixed(b.readInt16BE(6)));
}

describe('extended protocol', () => {
  it('answers a pipelined batch of statements in order, in one write', async () => {
    c.write(
      Buffer.concat([
        parse('a', 'SELECT "Id" FROM "Brands" WHERE "Id" = $1'),
        bind('', 'a', ['1']),
        execute(''),
        parse('', 'SELECT $1::int + 1 AS n'),
        bind('', '', ['41']),
        execute(''),
        bind('', 'a', ['2']),
        execute(''),
        sync(),
        query('SELECT 7 AS seven'),
      ]),
    );
    const batch = await c.until('Z');
    expect(types(batch)).toBe('12DC12DC2DCZ');
    const rows = batch.filter((m) => m.type === 'D').map((m) => dataRow(m.body)[0]);
    expect(rows).toEqual(['1', '42', '2']);
    const simple = await c.until('Z');
    expect(types(simple)).toBe('TDCZ');
    expect(dataRow(simple[1].body)).toEqual(['7']);
  });

  it('skips to Sync after an error in a batch, then serves the next batch', async () => {
    c.write(
      Buffer.concat([
        parse('', 'SELECT * FROM "NoSuchTable"'),
        bind('', '', []),
        execute(''),
        sync(),
        parse('', 'SELECT 1 AS one'),
        bind('', '', []),
        execute(''),
        sync(),
      ]),
    );
    const failed = await c.until('Z');
    expect(types(failed)).toBe('EZ');
    expect(fields(failed[0].body).C).toBe('42P01');
    expect(types(await c.until('Z'))).toBe('12DCZ');
  });

  it('hands out rows in slices when Execute gives a row limit, with PortalSuspended in between', async () => {
    c.write(
      Buffer.concat([
        parse('', 'SELECT "Id" FROM "Products" WHERE "Id" <= 5 ORDER BY "Id"'),
        bind('p', '', []),
        execute('p', 2),
        execute('p', 2),
        execute('p', 2),
        sync(),
      ]),
    );
    const out = await c.until('Z');
    expect(types(out)).toBe('12DDsDDsDCZ');
    expect(out.filter((m) => m.type === 'D').map((m) => dataRow(m.body)[0])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(out[out.length - 2].body.toString('utf8')).toBe('SELECT 5\0');
  });

  it('sends binary values when the client asks for them', async () => {
    c.write(
      Buffer.concat([
        parse(
          '',
          'SELECT "Id", "Price", "IsVisible", "DateModified", "Name" FROM "Products" WHERE "Id" = $1',
        ),
        bind('', '', ['3'], [1]),
        describeMsg('P', ''),
        execute(''),
        sync(),
      ]),
    );
    const out = await c.until('Z');
    const desc = wire.readRowDescription(out.find((m) => m.type === 'T')!.body);
    expect(desc.map((f) => [f.name, f.typeOid, f.format])).toEqual([
      ['Id', 20, 1],
      ['Price', 1700, 1],
      ['IsVisible', 16, 1],
      ['DateModified', 1184, 1],
      ['Name', 25, 1],
    ]);
    const [id, price, visible, modified, name] = rawValues(out.find((m) => m.type === 'D')!.body);
    const direct = (await t.conn.query('SELECT Price, IsVisible, DateModified, Name FROM Products WHERE Id = 3')).rows[0]; // prettier-ignore
    expect(id!.readBigInt64BE(0)).toBe(3n);
    expect(numericBinary(price!)).toBe(direct.Price);
    expect(visible![0] === 1).toBe(direct.IsVisible);
    const micros = modified!.readBigInt64BE(0);
    expect(Date.UTC(2000, 0, 1) + Number(micros / 1000n)).toBe(parseTimestamp(direct.DateModified)!.ms);
    expect(name!.toString('utf8')).toBe(direct.Name);
  });

  it('describes a statement before Bind with the parameter and column types PostgreSQL infers', async () => {
    c.write(
      Buffer.concat([
        parse(
          's',
          'SELECT "Id", "Price" * 2 AS double, count(*) OVER () AS n FROM "Products" WHERE "Id" = $1',
        ),
        describeMsg('S', 's'),
        sync(),
      ]),
    );
    const out = await c.until('Z');
    expect(types(out)).toBe('1tTZ');
    expect(wire.readParameterDescription(out[1].body)).toEqual([20]);
    expect(wire.readRowDescription(out[2].body).map((f) => [f.name, f.typeOid])).toEqual([
      ['Id', 20],
      ['double', 1700],
      ['n', 20],
    ]);
  });

  it("answers a statement in the provider's dialect with PostgreSQL's syntax error at Parse", async () => {
    c.write(Buffer.concat([parse('', 'SELECT TOP 2 Id, Name FROM Products ORDER BY Id'), describeMsg('S', ''), bind('', '', []), execute(''), sync()])); // prettier-ignore
    const out = await c.until('Z');
    expect(types(out)).toBe('EZ');
    expect(readNoticeFields(out[0].body)).toMatchObject({ C: '42601', M: 'syntax error at or near "2"' });
  });

  it('describes catalog statements and local statements too', async () => {
    c.write(
      Buffer.concat([
        parse('', 'SELECT relname FROM pg_class WHERE relname = $1'),
        describeMsg('S', ''),
        parse('', 'BEGIN'),
        describeMsg('S', ''),
        sync(),
      ]),
    );
    const out = await c.until('Z');
    expect(types(out)).toBe('1tT1tnZ');
    expect(wire.readParameterDescription(out[1].body)).toEqual([19]);
  });

  it('reports a missing statement or portal with its SQLSTATE', async () => {
    c.write(Buffer.concat([bind('', 'nope', []), sync(), execute('nope'), sync()]));
    expect(fields((await c.until('Z'))[0].body).C).toBe('26000');
    expect(fields((await c.until('Z'))[0].body).C).toBe('34000');
  });

  it('refuses a second statement of the same name until the first is closed', async () => {
    c.write(Buffer.concat([parse('x', 'SELECT 1'), parse('x', 'SELECT 2'), sync()]));
    const out = await c.until('Z');
    expect(types(out)).toBe('1EZ');
    expect(fields(out[1].body).C).toBe('42P05');
    c.write(Buffer.concat([Buffer.from('C'), int32(7), Buffer.from('Sx\0'), parse('x', 'SELECT 2'), sync()]));
    expect(types(await c.until('Z'))).toBe('31Z');
  });

  it('reports ParameterStatus when a reported setting changes', async () => {
    c.write(query("SET application_name = 'dashboards'"));
    const out = await c.until('Z');
    const status = out.find((m) => m.type === 'S')!;
    expect(status.body.toString('utf8')).toBe('application_name\0dashboards\0');
  });
});

describe('startup', () => {
  it("answers SSLRequest with 'N' and then accepts a plain startup", async () => {
    const s = net.connect(t.port, '127.0.0.1');
    const first = await new Promise<Buffer>((resolve) => {
      s.once('connect', () => s.write(Buffer.concat([int32(8), int32(80877103)])));
      s.once('data', resolve);
    });
    expect(first.toString('latin1')).toBe('N');
    const rest = await new Promise<Buffer>((resolve) => {
      let got = Buffer.alloc(0);
      s.on('data', (d: Buffer) => {
        got = Buffer.concat([got, d]);
        if (got.includes(Buffer.from('Z\0\0\0\x05I', 'latin1'))) resolve(got);
      });
      s.write(startupPacket({ user: 'after-ssl', database: 'bigcommerce' }));
    });
    s.destroy();
    expect(rest.toString('latin1', 0, 1)).toBe('R');
  });

  it('reports the parameters clients rely on, and a read-only default', async () => {
    const raw = await RawClient.connect(t.port);
    raw.write(
      startupPacket({ user: 'u', database: 'bigcommerce', client_encoding: 'UTF8', DateStyle: 'ISO' }),
    );
    const out = await raw.until('Z');
    raw.end();
    const params = Object.fromEntries(
      out.filter((m) => m.type === 'S').map((m) => m.body.toString('utf8').split('\0').slice(0, 2)),
    );
    expect(params).toMatchObject({
      client_encoding: 'UTF8',
      DateStyle: 'ISO, MDY',
      integer_datetimes: 'on',
      standard_conforming_strings: 'on',
      default_transaction_read_only: 'on',
      session_authorization: 'u',
      server_version: expect.stringMatching(/^\d+\.\d+/),
    });
    expect(types(out)).toMatch(/^RS+KZ$/);
  });

  it('negotiates down to protocol 3.0 for a client asking for 3.2', async () => {
    const raw = await RawClient.connect(t.port);
    raw.write(startupPacket({ user: 'u', database: 'bigcommerce', '_pq_.future': 'x' }, 196610));
    const out = await raw.until('Z');
    raw.end();
    expect(out[0].type).toBe('v');
    expect(out[0].body.readInt32BE(0)).toBe(0);
  });

  it('refuses a client_encoding other than UTF8 with a FATAL error', async () => {
    const raw = await RawClient.connect(t.port);
    raw.write(startupPacket({ user: 'u', database: 'bigcommerce', client_encoding: 'LATIN1' }));
    const out = await raw.until('E');
    expect(fields(out[out.length - 1].body)).toMatchObject({ S: 'FATAL', C: '0A000' });
  });
});
