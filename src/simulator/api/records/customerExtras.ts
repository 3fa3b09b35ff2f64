/**
 * Customer-side sets built from the seeded customers (customers.v3.yml attributes, attribute
 * values and form field values; subscribers.v3.yml; wishlists.v3.yml). Which customers have what
 * comes from each customer's own seed stream, so the sets are the same on every run.
 */
import { isoDate, Rng, toSecond } from '../../seed';
import type { ApiRecord, SeedContext } from './context';
import { customerAddresses, customerBasics, customerCreatedMs } from './customers';
import { productVariants } from './products';

const SALT = { attributes: 121, subscribers: 122, wishlists: 123 };
const DAY = 86_400_000;

const ATTRIBUTES: readonly [string, string][] = [
  ['Shoe size', 'number'],
  ['Birthday', 'date'],
  ['Favourite colour', 'string'],
];

export function buildCustomerAttributes(): ApiRecord[] {
  return ATTRIBUTES.map(([name, type], i) => ({
    id: i + 1,
    name,
    type,
    date_created: isoDate(Date.UTC(2024, 1, 1 + i)),
    date_modified: isoDate(Date.UTC(2024, 5, 1 + i)),
  }));
}

const COLOURS = ['Red', 'Navy', 'Sage', 'Mustard'];

export function buildCustomerAttributeValues(ctx: SeedContext): ApiRecord[] {
  const out: ApiRecord[] = [];
  for (let cid = 1; cid <= ctx.customers; cid++) {
    const rng = Rng.for(ctx.seed, SALT.attributes, cid);
    const created = toSecond(customerCreatedMs(ctx, cid) + DAY);
    ATTRIBUTES.forEach(([, type], k) => {
      if (!rng.chance(0.4)) return;
      const value =
        type === 'number'
          ? String(rng.int(36, 46))
          : type === 'date'
            ? `19${rng.int(60, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`
            : rng.pick(COLOURS);
      out.push({
        id: (cid - 1) * ATTRIBUTES.length + k + 1,
        customer_id: cid,
        attribute_id: k + 1,
        attribute_value: value,
        date_created: isoDate(created),
        date_modified: isoDate(created),
      });
    });
  }
  return out;
}

/** A "How did you hear about us?" account field for some customers, and a delivery note on addresses. */
export function buildFormFieldValues(ctx: SeedContext): ApiRecord[] {
  const out: ApiRecord[] = [];
  for (let cid = 1; cid <= ctx.customers; cid++) {
    const rng = Rng.for(ctx.seed, SALT.attributes + 100, cid);
    if (rng.chance(0.5)) {
      out.push({
        name: 'How did you hear about us?',
        value: rng.pick(['Friend', 'Instagram', 'Search']),
        customer_id: cid,
      });
    }
    const address = customerAddresses(ctx, cid)[0];
    if (address && rng.chance(0.4)) {
      out.push({
        name: 'Delivery note',
        value: rng.pick(['Leave with neighbour', 'Ring twice']),
        customer_id: cid,
        address_id: address.id,
      });
    }
  }
  return out;
}

export function buildSubscribers(ctx: SeedContext): ApiRecord[] {
  const out: ApiRecord[] = [];
  for (let cid = 1; cid <= ctx.customers; cid++) {
    const rng = Rng.for(ctx.seed, SALT.subscribers, cid);
    if (!rng.chance(0.35)) continue;
    const c = customerBasics(ctx, cid);
    const created = toSecond(customerCreatedMs(ctx, cid) + rng.int(0, 30) * DAY);
    out.push({
      id: out.length + 1,
      email: c.email,
      first_name: c.firstName,
      last_name: c.lastName,
      source: rng.pick(['storefront', 'order', 'custom'] as const),
      order_id: null,
      channel_id: 1,
      consents: [],
      date_created: isoDate(created),
      date_modified: isoDate(created),
    });
  }
  return out;
}

export function buildWishlists(ctx: SeedContext, productCount: number): ApiRecord[] {
  const out: ApiRecord[] = [];
  for (let cid = 1; cid <= ctx.customers; cid++) {
    const rng = Rng.for(ctx.seed, SALT.wishlists, cid);
    if (productCount === 0 || !rng.chance(0.25)) continue;
    const id = out.length + 1;
    const items = Array.from({ length: rng.int(1, 3) }, (_, k) => {
      const pid = rng.int(1, productCount);
      const variants = productVariants(ctx, pid);
      return { id: id * 10 + k, product_id: pid, variant_id: rng.pick(variants).id };
    });
    out.push({
      id,
      customer_id: cid,
      name: rng.pick(['Wish list', 'Birthday', 'For the kitchen']),
      is_public: rng.chance(0.3),
      token: rng.uuid(),
      items,
    });
  }
  return out;
}
