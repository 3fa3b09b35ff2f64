/**
 * Shared set-up for the fault suite: a simulator, connections to it through the public connect(),
 * the rows each test query must return computed from the simulator's seed store (never from the
 * provider), and request counts grouped per page as the simulator received them.
 */
import type { Simulator } from '../../src/simulator';
import { simKit, type SimKit } from '../helpers/simKit';

export type FaultSetup = SimKit;
export const faultSetup = simKit;

/** The queries the suite runs, each with the rows it must return, derived from the seed store. */
export const PRODUCTS_SQL = 'SELECT Id, Name, Price FROM Products ORDER BY Id';
export const CUSTOMERS_SQL = 'SELECT Id, Email FROM Customers ORDER BY Id';
export const ORDERS_SQL = 'SELECT Id, CustomerId, TotalIncTax FROM Orders ORDER BY Id';

export function expectedProducts(sim: Simulator): Record<string, unknown>[] {
  return sim.store
    .records('products')
    .map((p) => ({ Id: p.id, Name: p.name, Price: p.price }))
    .sort(byId);
}

export function expectedCustomers(sim: Simulator): Record<string, unknown>[] {
  return sim.store
    .records('customers')
    .map((c) => ({ Id: c.id, Email: c.email }))
    .sort(byId);
}

/** v2 money arrives as decimal strings ("109.4400"); the provider normalises them to numbers. */
export function expectedOrders(sim: Simulator): Record<string, unknown>[] {
  return sim.store
    .records('orders')
    .map((o) => ({ Id: o.id, CustomerId: o.customer_id, TotalIncTax: Number(o.total_inc_tax) }))
    .sort(byId);
}

function byId(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return Number(a.Id) - Number(b.Id);
}

/**
 * Requests per page of one list path, e.g. { '1': 2, '2': 1 }: a retried page counts every
 * attempt. Count-endpoint requests are keyed 'count'.
 */
export function requestsPerPage(setup: FaultSetup, listPath: string): Record<string, number> {
  const suffix = listPath.startsWith('/') ? listPath : `/${listPath}`;
  const counts: Record<string, number> = {};
  for (const r of setup.apiRequests()) {
    let key: string | undefined;
    if (r.path.endsWith(`${suffix}/count`)) key = 'count';
    else if (r.path.endsWith(suffix)) key = r.query.page ?? '1';
    if (key !== undefined) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** { '1': 1, …, 'n': 1 } for a clean scan of n pages. */
export function onePerPage(pages: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let p = 1; p <= pages; p++) counts[String(p)] = 1;
  return counts;
}

/**
 * A request the client abandoned (a 'slow' fault past Timeout) is logged by the simulator only
 * when its slow answer would have gone out; wait for that entry before counting requests.
 */
export async function untilLogged(setup: FaultSetup, fault: string, count = 1): Promise<void> {
  const deadline = Date.now() + 5000;
  while (setup.apiRequests().filter((r) => r.fault === fault).length < count && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
}

/** Runs `fn`, expecting it to reject; returns the error so the test can inspect code and message. */
export async function failureOf(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the query to fail, but it returned rows');
}
