/**
 * The simulator's REST API: routes a request (already authenticated by the server) to the
 * endpoint that serves it. GET and HEAD go to the read routes, POST/PUT/DELETE to the write
 * routes (writes/routes.ts); a method a known path does not serve gets 405 with Allow, and an
 * unknown path 404 — in the error shape of the API version the path belongs to.
 */
import { catalogRoutes } from './api/catalog';
import { customerRoutes } from './api/customers';
import { contentExtraRoutes } from './api/contentExtras';
import { orderExtraRoutes } from './api/orderExtras';
import { orderRoutes } from './api/orders';
import { productExtraRoutes } from './api/productExtras';
import { v2Error, v2NotFound, v3Error } from './api/respond';
import { SCOPES, type Route, type Scope } from './api/route';
import { settingsRoutes } from './api/settings';
import type { SimStore } from './store';
import type { ApiReply, ApiRequest } from './types';
import { matchWrite, runWrite } from './writes/dispatch';
import { WRITE_ROUTES } from './writes/routes';
import type { WriteMethod } from './writes/writeRoute';

/** Every endpoint served (exported for the spec conformance test's coverage check). */
export const ROUTES: readonly Route[] = [
  ...catalogRoutes,
  ...customerRoutes,
  ...orderRoutes,
  ...orderExtraRoutes,
  ...productExtraRoutes,
  ...contentExtraRoutes,
  ...settingsRoutes,
];

/**
 * Scopes by path prefix, for paths the simulator does not serve (…/metafields, /v2/banners …):
 * the server can still answer 403 for a missing scope before the 404, as BigCommerce would.
 * From api-accounts.mdx's scope table.
 */
const PREFIX_SCOPES: readonly [RegExp, Scope][] = [
  [/^\/v3\/(catalog|pricelists)(\/|$)/, SCOPES.products],
  [/^\/v3\/(customers|subscribers|wishlists)(\/|$)/, SCOPES.customers],
  [/^\/v2\/(customers|customer_groups)(\/|$)/, SCOPES.customers],
  [/^\/v2\/(orders|order_statuses)(\/|$)/, SCOPES.orders],
  [/^\/v3\/orders(\/|$)/, SCOPES.orders],
  [/^\/v2\/(store|time|currencies|tax_classes)(\/|$)/, SCOPES.information],
  [/^\/v3\/settings(\/|$)/, SCOPES.information],
  [/^\/v2\/(coupons|gift_certificates|banners)(\/|$)/, SCOPES.marketing],
  [/^\/v2\/payments(\/|$)/, SCOPES.paymentMethods],
  [/^\/v3\/inventory(\/|$)/, SCOPES.inventory],
  [/^\/v3\/channels(\/|$)/, SCOPES.channels],
];

/** Trailing slashes and v2's legacy `.json` suffix name the same resource. */
function normalise(path: string): string {
  let p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (p.startsWith('/v2/')) p = p.replace(/\.json$/, '');
  return p;
}

function match(path: string): { route: Route; params: number[] } | undefined {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map(Number) };
  }
  return undefined;
}

export function requiredScope(_method: string, path: string): Scope | null {
  const p = normalise(path);
  const hit = match(p) ?? matchWrite(WRITE_ROUTES, p);
  if (hit) return hit.route.scope;
  return PREFIX_SCOPES.find(([re]) => re.test(p))?.[1] ?? null;
}

export function handleApi(store: SimStore, req: ApiRequest): ApiReply {
  const path = normalise(req.path);
  const v2 = path.startsWith('/v2/');
  const hit = match(path);
  const write = matchWrite(WRITE_ROUTES, path);
  if (!hit && !write) {
    return v2 ? v2NotFound() : v3Error(404, `No endpoint ${req.path} in this simulator.`);
  }
  const method = req.method.toUpperCase();
  const read = method === 'GET' || method === 'HEAD';
  if (read && hit) return hit.route.get({ store, req, params: hit.params });
  if (!read && write?.route.methods[method as WriteMethod]) {
    return runWrite(store, req, write, method as WriteMethod);
  }
  const allow = [...(hit ? ['GET', 'HEAD'] : []), ...Object.keys(write?.route.methods ?? {})].join(', ');
  const message = `The simulator does not serve ${method} ${req.path} (it serves ${allow}).`;
  const reply = v2 ? v2Error(405, message) : v3Error(405, message);
  return { ...reply, headers: { Allow: allow } };
}
