/**
 * Soak: 200 queries against a simulator that faults 10% of API requests with every transient kind
 * (5xx, resets, 429s with and without headers, timeouts, truncated JSON, proxy HTML pages). Each
 * query either returns exactly the rows the seed store says, or fails with a BigCommerceSqlError
 * carrying a code. A wrong or partial result is the one outcome that must never happen.
 * One query in four runs on a connection with MaxRetries=0 so clean failures are exercised too.
 * ('mutate' is left out: a moving store has no single right answer; test/faults covers it.)
 */
import { BigCommerceSqlError, type Connection } from '../../src';
import {
  expectedCustomers,
  expectedOrders,
  expectedProducts,
  faultSetup,
  type FaultSetup,
} from '../faults/faultKit';

const QUERIES = 200;
const IN_PARALLEL = 4;
/** Rows per list: two pages each (250 + 10). */
const ROWS = 260;

let s: FaultSetup;
let patient: Connection;
let impatient: Connection;
beforeAll(async () => {
  s = await faultSetup({ products: ROWS, customers: ROWS, orders: ROWS, seed: 21 });
  patient = await s.connectWith({ MaxRetries: 8, Timeout: 1 });
  impatient = await s.connectWith({ MaxRetries: 0, Timeout: 1 });
});
afterAll(() => s.close());

type Rows = Record<string, unknown>[];
interface Case {
  sql: string;
  params?: unknown[];
  expected: Rows;
}

function cases(): ((i: number) => Case)[] {
  const products = expectedProducts(s.sim);
  const customers = expectedCustomers(s.sim);
  const orders = expectedOrders(s.sim);
  const emailOf = new Map(customers.map((c) => [c.Id, c.Email as string]));
  const perEmail = new Map<string, { n: number; total: number }>();
  for (const o of orders) {
    const email = emailOf.get(o.CustomerId);
    if (email === undefined) continue;
    const t = perEmail.get(email) ?? { n: 0, total: 0 };
    t.n++;
    t.total += o.TotalIncTax as number;
    perEmail.set(email, t);
  }
  const joined = [...perEmail.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Email, t]) => ({ Email, n: t.n, total: Math.round(t.total * 100) / 100 }));
  return [
    () => ({ sql: 'SELECT Id, Name, Price FROM Products ORDER BY Id', expected: products }),
    () => ({ sql: 'SELECT Id, Email FROM Customers ORDER BY Id', expected: customers }),
    () => ({ sql: 'SELECT Id, CustomerId, TotalIncTax FROM Orders ORDER BY Id', expected: orders }),
    (i) => {
      const id = (i % products.length) + 1;
      return {
        sql: 'SELECT Id, Name, Price FROM Products WHERE Id = ?',
        params: [id],
        expected: products.filter((p) => p.Id === id),
      };
    },
    (i) => {
      const want = [i, i * 7, i * 13].map((n) => (n % ROWS) + 1);
      return {
        sql: 'SELECT Id, Email FROM Customers WHERE Id IN (?, ?, ?) ORDER BY Id',
        params: want,
        expected: customers.filter((c) => want.includes(c.Id as number)),
      };
    },
    () => ({ sql: 'SELECT COUNT(*) AS n FROM Orders', expected: [{ n: orders.length }] }),
    () => ({ sql: 'SELECT Id, Email FROM Customers WHERE Id = 999999', expected: [] }),
    () => ({
      sql:
        'SELECT c.Email, COUNT(*) AS n, ROUND(SUM(o.TotalIncTax), 2) AS total FROM Customers c ' +
        'JOIN Orders o ON o.CustomerId = c.Id GROUP BY c.Email ORDER BY c.Email',
      expected: joined,
    }),
  ];
}

describe('200 queries at a 10% fault rate', () => {
  it('return the right rows or fail cleanly with a code, never a wrong or partial result', async () => {
    const kinds = cases();
    s.sim.setFaults({
      rate: 0.1,
      seed: 21,
      slowMs: 1500,
      retryAfterMs: 50,
      kinds: ['500', '502', '503', 'reset', '429', '429-noheaders', 'slow', 'malformed', 'html'],
    });
    const tally = { succeeded: 0, failedCleanly: 0, wrongOrPartial: 0, failedUncleanly: 0 };
    const codes: Record<string, number> = {};
    const problems: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < QUERIES) {
        const i = next++;
        const c = kinds[i % kinds.length](i);
        const conn = i % 4 === 3 ? impatient : patient;
        try {
          const r = await conn.query(c.sql, c.params);
          if (JSON.stringify(r.rows) === JSON.stringify(c.expected)) {
            tally.succeeded++;
          } else {
            tally.wrongOrPartial++;
            problems.push(`#${i} ${c.sql}: ${r.rows.length} rows, expected ${c.expected.length}`);
          }
        } catch (err) {
          if (err instanceof BigCommerceSqlError && /^ERR_[A-Z_]+$/.test(err.code)) {
            tally.failedCleanly++;
            codes[err.code] = (codes[err.code] ?? 0) + 1;
          } else {
            tally.failedUncleanly++;
            problems.push(`#${i} ${c.sql}: ${String(err)}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: IN_PARALLEL }, worker));
    const faults: Record<string, number> = {};
    for (const r of s.apiRequests()) if (r.fault) faults[r.fault] = (faults[r.fault] ?? 0) + 1;
    console.log(
      `soak: ${QUERIES} queries, ${s.apiRequests().length} API requests, faults injected ${JSON.stringify(faults)}\n` +
        `  succeeded ${tally.succeeded}, failed cleanly ${tally.failedCleanly} ${JSON.stringify(codes)}, ` +
        `wrong or partial ${tally.wrongOrPartial}, failed without a code ${tally.failedUncleanly}`,
    );
    expect(problems).toEqual([]);
    expect(tally.wrongOrPartial).toBe(0);
    expect(tally.failedUncleanly).toBe(0);
    expect(tally.succeeded + tally.failedCleanly).toBe(QUERIES);
    // Both outcomes were exercised: the no-retry connection cannot survive every fault.
    expect(tally.succeeded).toBeGreaterThan(QUERIES / 2);
    expect(tally.failedCleanly).toBeGreaterThan(0);
    expect(Object.keys(faults).length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
