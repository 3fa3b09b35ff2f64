/**
 * Shipping quotes of an order's shipping address (orders.v2.oas2.yml
 * /orders/{id}/shipping_addresses/{id}/shipping_quotes) and abandoned carts by their email token
 * (abandoned_carts.v3.yml). A quote exists only for storefront orders: the spec says orders made
 * in the control panel or through the API answer 204. Abandoned carts have no list endpoint; the
 * store keeps a few, their tokens derived from the seed.
 */
import { rfc2822, Rng } from '../../seed';
import type { ApiRecord, SeedContext } from './context';
import type { OrderModel } from './orders';

const SALT = { quotes: 131, carts: 132 };
/** How many abandoned carts the store holds, whatever its size. */
export const ABANDONED_CARTS = 12;

const PROVIDERS: Record<string, { id: string; code: string; method: number }> = {
  ups: { id: 'bcrealtime', code: 'ups', method: 5 },
  usps: { id: 'bcrealtime', code: 'endicia', method: 6 },
  fedex: { id: 'bcrealtime', code: 'fedex', method: 7 },
  '': { id: 'bcstatic', code: 'peritem', method: 2 },
};

/** The quote of the order's one shipping address (its id is the order id); undefined: 204. */
export function shippingQuote(ctx: SeedContext, o: OrderModel): ApiRecord | undefined {
  if (o.isDigital || o.orderSource !== 'www') return undefined;
  const rng = Rng.for(ctx.seed, SALT.quotes, o.id);
  const p = PROVIDERS[o.shippingProvider] ?? PROVIDERS[''];
  const live = p.id === 'bcrealtime';
  const rate = (o.shippingExCents / 100).toFixed(2);
  return {
    id: String(o.id),
    uuid: rng.uuid(),
    // Quoted at checkout, a few minutes before the order was placed.
    timestamp: rfc2822(o.created - rng.int(2, 30) * 60_000),
    shipping_provider_id: p.id,
    shipping_provider_quote: live
      ? [
          {
            rate: { value: rate, unit: o.currency.code },
            transitTime: String(rng.int(1, 5)),
            name: o.shippingMethod,
          },
        ]
      : [],
    provider_code: p.code,
    carrier_code: live ? p.code : '',
    rate_code: live ? 'GROUND' : '',
    rate_id: live ? `${p.code}-${o.id}` : '',
    method_id: p.method,
  };
}

/** Abandoned carts as [token, record] pairs, the record as GET /v3/abandoned-carts/{token} answers. */
export function abandonedCarts(ctx: SeedContext): [string, ApiRecord][] {
  return Array.from({ length: ABANDONED_CARTS }, (_, i) => {
    const rng = Rng.for(ctx.seed, SALT.carts, i + 1);
    return [rng.uuid(), { cart_id: rng.uuid() }];
  });
}
