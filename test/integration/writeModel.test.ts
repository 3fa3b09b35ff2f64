/**
 * Model-based test: random sequences of INSERT, UPDATE, DELETE and UPSERT run through the provider
 * against the simulator and against a plain in-memory model of the same rows; after every step a
 * SELECT through the provider must equal the model. Brands exercise one request per row, Customers
 * the batch endpoints (10 per POST/PUT, DELETE by id:in).
 */
import fc from 'fast-check';
import type { Connection } from '../../src';
import { simSetup, type SimSetup } from './simConnection';

type Row = { Id: number; A: string; B: string | null };
type Model = Map<number, Row>;

interface TableSpec {
  select: string;
  insert(rows: { a: string; b: string | null }[]): { sql: string; params: unknown[] };
  upsert(rows: { id: number | null; a: string; b: string | null }[]): { sql: string; params: unknown[] };
  update: (suffix: string, mod: number) => string;
  setB: (b: string | null, ids: number[]) => { sql: string; params: unknown[] };
  deleteIds: (ids: number[]) => string;
}

const brands: TableSpec = {
  select: 'SELECT Id, Name AS A, PageTitle AS B FROM Brands ORDER BY Id',
  insert: (rows) => ({
    sql: `INSERT INTO Brands (Name, PageTitle) VALUES ${rows.map(() => '(?, ?)').join(', ')}`,
    params: rows.flatMap((r) => [r.a, r.b]),
  }),
  upsert: (rows) => ({
    sql: `UPSERT INTO Brands (Id, Name, PageTitle) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`,
    params: rows.flatMap((r) => [r.id, r.a, r.b]),
  }),
  update: (suffix, mod) => `UPDATE Brands SET Name = Name || '${suffix}' WHERE Id % ${mod} = 0`,
  setB: (b, ids) => ({ sql: `UPDATE Brands SET PageTitle = ? WHERE Id IN (${ids.join(', ')})`, params: [b] }),
  deleteIds: (ids) => `DELETE FROM Brands WHERE Id IN (${ids.join(', ')})`,
};

const customers: TableSpec = {
  select: 'SELECT Id, Email AS A, Company AS B FROM Customers ORDER BY Id',
  insert: (rows) => ({
    sql: `INSERT INTO Customers (Email, FirstName, LastName, Company) VALUES ${rows.map(() => "(?, 'F', 'L', ?)").join(', ')}`,
    params: rows.flatMap((r) => [r.a, r.b]),
  }),
  upsert: (rows) => ({
    sql: `UPSERT INTO Customers (Id, Email, FirstName, LastName, Company) VALUES ${rows.map(() => "(?, ?, 'F', 'L', ?)").join(', ')}`,
    params: rows.flatMap((r) => [r.id, r.a, r.b]),
  }),
  update: (suffix, mod) => `UPDATE Customers SET Email = '${suffix}' || Email WHERE Id % ${mod} = 0`,
  setB: (b, ids) => ({
    sql: `UPDATE Customers SET Company = ? WHERE Id IN (${ids.join(', ')})`,
    params: [b],
  }),
  deleteIds: (ids) => `DELETE FROM Customers WHERE Id IN (${ids.join(', ')})`,
};

type Op =
  | { kind: 'insert'; n: number; b: string | null }
  | { kind: 'upsert'; pick: number[]; fresh: number; b: string | null }
  | { kind: 'update'; mod: number }
  | { kind: 'setB'; pick: number[]; b: string | null }
  | { kind: 'delete'; pick: number[] };

const text = fc.option(fc.constantFrom('north', 'south', 'east'), { nil: null });
const picks = fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), n: fc.integer({ min: 1, max: 13 }), b: text }),
  fc.record({
    kind: fc.constant('upsert' as const),
    pick: picks,
    fresh: fc.integer({ min: 0, max: 3 }),
    b: text,
  }),
  fc.record({ kind: fc.constant('update' as const), mod: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('setB' as const), pick: picks, b: text }),
  fc.record({ kind: fc.constant('delete' as const), pick: picks }),
);

let s: SimSetup;
let conn: Connection;
let unique = 0;
beforeAll(async () => {
  s = await simSetup({ products: 5, customers: 15, orders: 1 });
  conn = s.conn;
}, 60000);
afterAll(() => s?.close());

/** BigCommerce's text fields have no NULL: a field left out or cleared reads back as ''. */
async function read(spec: TableSpec): Promise<Model> {
  const rows = (await conn.query(spec.select)).rows as Row[];
  return new Map(rows.map((r) => [r.Id, { ...r, B: r.B || null }]));
}

/** Applies `o` to the store through the provider and to the model; returns the rows it reported. */
async function step(spec: TableSpec, model: Model, o: Op, email: boolean): Promise<number> {
  const ids = [...model.keys()];
  const chosen = (pick: number[]) =>
    [...new Set(pick.map((p) => ids[p % ids.length]))].filter((x) => x !== undefined);
  const fresh = () => (email ? `m${++unique}@model.example` : `Model ${++unique}`);
  switch (o.kind) {
    case 'insert': {
      const rows = Array.from({ length: o.n }, () => ({ a: fresh(), b: o.b }));
      const { sql, params } = spec.insert(rows);
      const r = await conn.query(`${sql} RETURNING Id`, params);
      r.rows.forEach((row, i) => model.set(row.Id as number, { Id: row.Id as number, A: rows[i].a, B: o.b }));
      return r.rowCount;
    }
    case 'upsert': {
      const rows = [
        ...chosen(o.pick).map((id) => ({ id: id as number | null, a: fresh(), b: o.b })),
        ...Array.from({ length: o.fresh }, () => ({ id: null, a: fresh(), b: o.b })),
      ];
      const { sql, params } = spec.upsert(rows);
      const r = await conn.query(`${sql} RETURNING Id`, params);
      r.rows.forEach((row, i) =>
        model.set(row.Id as number, { Id: row.Id as number, A: rows[i].a, B: rows[i].b }),
      );
      return r.rowCount;
    }
    case 'update': {
      const suffix = email ? `u${++unique}.` : ` u${++unique}`;
      const r = await conn.query(spec.update(suffix, o.mod));
      for (const row of model.values())
        if (row.Id % o.mod === 0) row.A = email ? suffix + row.A : row.A + suffix;
      return r.rowCount;
    }
    case 'setB': {
      const targets = chosen(o.pick);
      if (targets.length === 0) return 0;
      const { sql, params } = spec.setB(o.b, targets);
      const r = await conn.query(sql, params);
      for (const id of targets) model.get(id)!.B = o.b;
      return r.rowCount;
    }
    case 'delete': {
      const targets = chosen(o.pick);
      if (targets.length === 0) return 0;
      const r = await conn.query(spec.deleteIds(targets));
      for (const id of targets) model.delete(id);
      return r.rowCount;
    }
  }
}

describe.each([
  ['Brands', brands, false],
  ['Customers', customers, true],
] as const)('random writes to %s', (_name, spec, email) => {
  it('leave the store exactly as the in-memory model after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const model = await read(spec);
        for (const o of ops) {
          const before = model.size;
          const reported = await step(spec, model, o, email);
          if (o.kind === 'insert') expect(reported).toBe(o.n);
          if (o.kind === 'delete') expect(reported).toBe(before - model.size);
          const store = await read(spec);
          expect([...store.values()]).toEqual([...model.values()].sort((a, b) => a.Id - b.Id));
        }
      }),
      { numRuns: 12 },
    );
  }, 240000);
});
