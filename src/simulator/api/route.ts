/** A REST endpoint of the simulator: a path pattern, the OAuth scope it needs, and its GET handler. */
import type { SimStore } from '../store';
import type { ApiReply, ApiRequest } from '../types';

export interface Scope {
  read: string;
  write: string;
}

export const SCOPES = {
  products: { read: 'store_v2_products_read_only', write: 'store_v2_products' },
  customers: { read: 'store_v2_customers_read_only', write: 'store_v2_customers' },
  orders: { read: 'store_v2_orders_read_only', write: 'store_v2_orders' },
  information: { read: 'store_v2_information_read_only', write: 'store_v2_information' },
  marketing: { read: 'store_v2_marketing_read_only', write: 'store_v2_marketing' },
  channels: { read: 'store_channel_settings_read_only', write: 'store_channel_settings' },
  channelListings: { read: 'store_channel_listings_read_only', write: 'store_channel_listings' },
  transactions: { read: 'store_v2_transactions_read_only', write: 'store_v2_transactions' },
  content: { read: 'store_v2_content_read_only', write: 'store_v2_content' },
  inventory: { read: 'store_inventory_read_only', write: 'store_inventory' },
  // Read-only scopes with no modify counterpart (methods_payments.v2.yml, store_logs.v3.yml).
  paymentMethods: { read: 'store_payments_methods_read', write: 'store_payments_methods_read' },
  storeLogs: { read: 'store_logs_read_only', write: 'store_logs_read_only' },
} as const satisfies Record<string, Scope>;

export interface RouteCall {
  store: SimStore;
  req: ApiRequest;
  /** Path parameters, as numbers (every id in these paths is an integer). */
  params: number[];
}

export interface Route {
  /** Matches the whole path after /stores/{hash}; capture groups are integer ids. */
  pattern: RegExp;
  /** null: any valid token may call it (the spec names no scope). */
  scope: Scope | null;
  get(call: RouteCall): ApiReply;
}

/** `/v3/catalog/products/{id}/variants` → /^\/v3\/catalog\/products\/(\d+)\/variants$/ */
export function pathPattern(template: string): RegExp {
  const names = [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
  const parts = template.split(/\{[a-z_]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  // Ids are integers; a currency code (three letters) is the one placeholder that is not.
  const source = parts.reduce(
    (acc, part, i) => acc + (names[i - 1] === 'currency_code' ? '([A-Za-z]{3})' : '(\\d+)') + part,
  );
  return new RegExp(`^${source}$`);
}

export function route(template: string, scope: Scope | null, get: (call: RouteCall) => ApiReply): Route {
  return { pattern: pathPattern(template), scope, get };
}
