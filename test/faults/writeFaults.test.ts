/**
 * Faults on writes, for every kind the simulator injects, before BigCommerce applies a request
 * and after (applied, reply lost): creates, updates and deletes. Whatever happens, the store ends
 * exactly as the statement's answer says — rows reported applied are there once, rows reported
 * not sent or refused are not there at all, rows of unknown outcome are there at most once — and
 * no record is ever created twice.
 */
import type { Connection } from '../../src';
import type { FaultKind } from '../../src/simulator';
import { failureOf, faultSetup, untilLogged, type FaultSetup } from './faultKit';

let s: FaultSetup;
let conn: Connection;
let tag = 0;
beforeAll(async () => {
  s = await faultSetup({ products: 40, customers: 30, orders: 5, faults: { slowMs: 1500 } });
  // One request at a time, so "the second request" is a fixed one; 'slow' (1.5 s) is past Timeout.
  conn = await s.connectWith({ Timeout: 1, MaxRetries: 2, MaxConcurrentRequests: 1 });
}, 60000);
afterAll(() => s?.close());
beforeEach(() => {
  s.sim.setFaults({ slowMs: 1500 });
  s.sim.resetRequests();
});

/** Faults that lose a request's answer; 'malformed' exists only after (it cuts a real answer). */
const LOSSES: [FaultKind, boolean][] = [
  ['500', false],
  ['502', false],
  ['503', false],
  ['html', false],
  ['reset', false],
  ['slow', false],
  ['500', true],
  ['503', true],
  ['html', true],
  ['reset', true],
  ['slow', true],
  ['malformed', true],
];
const phase = (after: boolean) => (after ? 'after' : 'before');

/** The second request of `method` to paths matching `match` gets the fault (`times` in a row). */
function faultSecond(method: string, match: RegExp, kind: FaultKind, after: boolean, times = 1): void {
  s.sim.setFaults({ slowMs: 1500, script: [{ method, match, kind, after, times, skip: 1 }] });
}

const brandCount = (name: string) => s.sim.store.brands.filter((b) => b.name === name).length;

describe.each(LOSSES)('a write whose request gets %s (after: %s)', (kind, after) => {
  it('creates: applied rows once, the unknown row at most once (once only if applied), the rest not at all', async () => {
    const names = [1, 2, 3].map((i) => `Fault ${kind} ${phase(after)} ${++tag}-${i}`);
    faultSecond('POST', /\/v3\/catalog\/brands$/, kind, after);
    const err = await failureOf(() =>
      conn.query(`INSERT INTO Brands (Name) VALUES ${names.map((n) => `('${n}')`).join(', ')}`),
    );
    if (kind === 'slow') await untilLogged(s, 'slow');
    expect(err.code).toBe('ERR_WRITE_OUTCOME_UNKNOWN');
    expect(err.unknown).toEqual([2]);
    expect(err.failed).toEqual([expect.objectContaining({ row: 3 })]);
    const firstId = s.sim.store.brands.find((b) => b.name === names[0])?.id;
    expect(err.applied).toEqual([firstId]);
    expect(names.map(brandCount)).toEqual([1, after ? 1 : 0, 0]);
    // The create was never sent again: one POST per row sent.
    expect(s.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('updates: retried like a read, each row changed exactly as the statement says', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => i + 1);
    const before = new Map(ids.map((id) => [id, s.sim.store.product(id)!.price as number]));
    faultSecond('PUT', /\/v3\/catalog\/products$/, kind, after);
    const r = await conn.query('UPDATE Products SET Price = Price + 1 WHERE Id <= 25');
    if (kind === 'slow') await untilLogged(s, 'slow');
    expect(r.rowCount).toBe(25);
    for (const id of ids) expect(s.sim.store.product(id)!.price).toBeCloseTo(before.get(id)! + 1, 2);
  });

  it('updates: when the retries run out too, applied rows changed once and unsent rows not at all', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => i + 1);
    const before = new Map(ids.map((id) => [id, s.sim.store.product(id)!.price as number]));
    faultSecond('PUT', /\/v3\/catalog\/products$/, kind, after, 3);
    const err = await failureOf(() => conn.query('UPDATE Products SET Price = Price + 1 WHERE Id <= 25'));
    if (kind === 'slow') await untilLogged(s, 'slow', 3);
    expect(err.code).toBe('ERR_WRITE_OUTCOME_UNKNOWN');
    expect(err.applied).toEqual(ids.slice(0, 10));
    expect(err.unknown).toEqual(ids.slice(10, 20).map((id) => id));
    expect((err.failed as { row: number }[]).map((f) => f.row)).toEqual(ids.slice(20));
    const delta = (id: number) =>
      Math.round(((s.sim.store.product(id)!.price as number) - before.get(id)!) * 100) / 100;
    expect(ids.slice(0, 10).map(delta)).toEqual(Array(10).fill(1));
    expect(ids.slice(10, 20).map(delta)).toEqual(Array(10).fill(after ? 1 : 0));
    expect(ids.slice(20).map(delta)).toEqual(Array(5).fill(0));
  });

  it('deletes: retried like a read, and every row is gone', async () => {
    const names = [1, 2, 3].map((i) => `Doomed ${kind} ${phase(after)} ${++tag}-${i}`);
    await conn.query(`INSERT INTO Brands (Name) VALUES ${names.map((n) => `('${n}')`).join(', ')}`);
    const ids = names.map((n) => s.sim.store.brands.find((b) => b.name === n)!.id);
    s.sim.resetRequests();
    faultSecond('DELETE', /\/v3\/catalog\/brands\/\d+$/, kind, after);
    const r = await conn.query(`DELETE FROM Brands WHERE Id IN (${ids.join(', ')})`);
    if (kind === 'slow') await untilLogged(s, 'slow');
    expect(r.rowCount).toBe(3);
    expect(names.map(brandCount)).toEqual([0, 0, 0]);
  });
});

describe.each(['429', '429-noheaders'] as FaultKind[])('a create answered %s', (kind) => {
  it('is sent again, since BigCommerce did not apply it, and the record exists exactly once', async () => {
    const names = [1, 2].map((i) => `Rate limited ${kind} ${++tag}-${i}`);
    s.sim.setFaults({
      retryAfterMs: 200,
      script: [{ method: 'POST', match: /\/v3\/catalog\/brands$/, kind, skip: 1 }],
    });
    const r = await conn.query(`INSERT INTO Brands (Name) VALUES ${names.map((n) => `('${n}')`).join(', ')}`);
    expect(r.rowCount).toBe(2);
    expect(names.map(brandCount)).toEqual([1, 1]);
    expect(
      s
        .apiRequests()
        .filter((q) => q.method === 'POST')
        .map((q) => q.status),
    ).toEqual([200, 429, 200]);
  });
});
