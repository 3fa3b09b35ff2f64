/**
 * bcsql reads dates, numbers and money as the provider does: the shell runs the same engine, so a
 * US date, an unreadable literal and a decimal sum answer there as through query().
 */
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { ensureBuilt, runCli } from './cliHarness';

let sim: Simulator;
let connString: string;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ seed: 3, products: 20, customers: 20, orders: 200 });
  connString = simulatorConnectionString(sim);
}, 240_000);

afterAll(async () => {
  await sim?.close();
});

const csv = async (sql: string) => {
  const r = await runCli([connString, '--format', 'csv', '-e', sql]);
  expect(r.stderr).toBe('');
  return r.stdout.trim().split('\n').slice(1);
};

describe('bcsql', () => {
  it('reads a US date month first and answers as the ISO spelling does', async () => {
    const orders = sim.store.records('orders') as { date_created: string }[];
    const expected = orders.filter((o) => Date.parse(o.date_created) >= Date.UTC(2025, 1, 1)).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(orders.length);
    expect(await csv("SELECT COUNT(*) AS n FROM Orders WHERE DateCreated >= '02/01/2025'")).toEqual([
      String(expected),
    ]);
  });

  it('prints money sums exact to the cent', async () => {
    const orders = sim.store.records('orders') as { status_id: number; total_inc_tax: string }[];
    const cents = orders
      .filter((o) => o.status_id === 10)
      .reduce((a, o) => a + Math.round(Number(o.total_inc_tax) * 10000), 0);
    expect(await csv('SELECT SUM(TotalIncTax) AS s FROM Orders WHERE StatusId = 10')).toEqual([
      String(cents / 10000),
    ]);
  });

  it('reports an unreadable literal as ERR_INVALID_VALUE with its position', async () => {
    const r = await runCli([connString, '-e', "SELECT * FROM Orders WHERE Id = 'abc'"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(
      "ERROR ERR_INVALID_VALUE: 'abc' compared with Id at position 33 is not a whole number\n",
    );
  });
});
