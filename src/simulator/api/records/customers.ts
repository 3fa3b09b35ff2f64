/**
 * Customers and addresses (customers.v3.yml) and customer groups (customers.v2.yml).
 * Address ids are derived from the customer id ((cid-1)*2+k+1), so they are unique and stable.
 */
import {
  COMPANIES,
  FIRST_NAMES,
  HISTORY_MS,
  isoDate,
  KIND,
  LAST_NAMES,
  PLACES,
  Rng,
  slugify,
  sqlDate,
  STORE_NOW_MS,
  STORE_OPENED_MS,
  STREETS,
  toSecond,
  type Place,
} from '../../seed';
import type { ApiRecord, SeedContext } from './context';
import { DEFAULT_CHANNEL_ID } from './taxonomy';

export const MAX_ADDRESSES = 2;

export const CUSTOMER_GROUPS: readonly ApiRecord[] = [
  {
    id: 1,
    name: 'Retail',
    is_default: true,
    category_access: { type: 'all' },
    discount_rules: [],
    date_created: sqlDate(STORE_OPENED_MS),
    date_modified: sqlDate(STORE_OPENED_MS),
    is_group_for_guests: false,
  },
  {
    id: 2,
    name: 'Wholesale',
    is_default: false,
    category_access: { type: 'all' },
    discount_rules: [{ type: 'all', method: 'percent', amount: '10.0000' }],
    date_created: sqlDate(STORE_OPENED_MS + 86_400_000),
    date_modified: sqlDate(STORE_OPENED_MS + 40 * 86_400_000),
    is_group_for_guests: false,
  },
  {
    id: 3,
    name: 'VIP 15% & Free_Shipping',
    is_default: false,
    category_access: { type: 'specific', categories: [1, 8, 18] },
    discount_rules: [{ type: 'price_list', price_list_id: 2 }],
    date_created: sqlDate(STORE_OPENED_MS + 86_400_000),
    date_modified: sqlDate(STORE_OPENED_MS + 200 * 86_400_000),
    is_group_for_guests: false,
  },
  {
    id: 4,
    name: 'Guests',
    is_default: false,
    category_access: { type: 'all' },
    discount_rules: [],
    date_created: sqlDate(STORE_OPENED_MS + 2 * 86_400_000),
    date_modified: sqlDate(STORE_OPENED_MS + 2 * 86_400_000),
    is_group_for_guests: true,
  },
];

export interface CustomerBasics {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  phone: string;
  place: Place;
  street: string;
  addressCount: number;
}

/** What orders need from a customer, without building the whole record. */
export function customerBasics(ctx: SeedContext, id: number): CustomerBasics {
  const rng = Rng.for(ctx.seed, KIND.customer, id);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const user = `${slugify(firstName)}${rng.chance(0.15) ? '_' : '.'}${slugify(lastName).replace(/-/g, '')}`;
  const domain = rng.pick(['example.com', 'example.org', 'mail.example.net']);
  return {
    id,
    firstName,
    lastName,
    email: `${user}${id}@${domain}`,
    company: rng.chance(0.6) ? '' : rng.pick(COMPANIES),
    phone: rng.chance(0.2) ? '' : `555-${rng.int(100, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`,
    place: rng.pick(PLACES),
    street: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`,
    addressCount: rng.weighted([
      [0, 20],
      [1, 60],
      [2, 20],
    ]),
  };
}

export function customerAddresses(ctx: SeedContext, id: number): ApiRecord[] {
  const b = customerBasics(ctx, id);
  const rng = Rng.for(ctx.seed, KIND.customer, id * 3 + 1);
  return Array.from({ length: b.addressCount }, (_, k) => {
    const place = k === 0 ? b.place : rng.pick(PLACES);
    return {
      id: (id - 1) * MAX_ADDRESSES + k + 1,
      customer_id: id,
      first_name: b.firstName,
      last_name: b.lastName,
      company: b.company,
      address1: k === 0 ? b.street : `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
      address2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}` : '',
      city: place.city,
      state_or_province: place.state,
      postal_code: place.zip,
      country: place.country,
      country_code: place.iso2,
      phone: b.phone,
      address_type: b.company === '' ? 'residential' : 'commercial',
    };
  });
}

export function customerCreatedMs(ctx: SeedContext, id: number): number {
  const n = Math.max(ctx.customers, 1);
  const rng = Rng.for(ctx.seed, KIND.customer, id * 3 + 2);
  const slot = HISTORY_MS * 0.95 * Math.min((id - 0.5) / n, 1);
  return toSecond(STORE_OPENED_MS + slot + rng.int(0, 7200) * 1000);
}

/** The modification instant: the draws after the one customerCreatedMs made. */
function customerModified(rng: Rng, created: number): number {
  rng.int(0, 7200); // the draw customerCreatedMs made
  return rng.chance(0.3) ? created : toSecond(created + rng.float() * (STORE_NOW_MS - created));
}

/** The seeded date_modified (epoch ms) without building the customer. */
export function customerModifiedMs(ctx: SeedContext, id: number): number {
  const rng = Rng.for(ctx.seed, KIND.customer, id * 3 + 2);
  return customerModified(rng, customerCreatedMs(ctx, id));
}

export function buildCustomer(ctx: SeedContext, id: number): ApiRecord {
  const b = customerBasics(ctx, id);
  const rng = Rng.for(ctx.seed, KIND.customer, id * 3 + 2);
  const created = customerCreatedMs(ctx, id);
  const modified = customerModified(rng, created);
  return {
    id,
    email: b.email,
    first_name: b.firstName,
    last_name: b.lastName,
    company: b.company,
    phone: b.phone,
    registration_ip_address: rng.chance(0.3)
      ? ''
      : `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    notes: rng.chance(0.05) ? 'Prefers "express" delivery' : '',
    tax_exempt_category: '',
    customer_group_id: rng.weighted([
      [0, 50],
      [1, 25],
      [2, 15],
      [3, 10],
    ]),
    date_created: isoDate(created),
    date_modified: isoDate(modified),
    address_count: b.addressCount,
    attribute_count: 0,
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: rng.chance(0.4),
    origin_channel_id: DEFAULT_CHANNEL_ID,
    channel_ids: [DEFAULT_CHANNEL_ID],
  };
}

/**
 * Sub-resources ?include= can add (customers.v3.yml, include parameter). shopper_profile_id and
 * segment_ids are accepted but add nothing: the customer schema declares neither.
 */
export function customerWithIncludes(
  ctx: SeedContext,
  c: ApiRecord,
  include: ReadonlySet<string>,
): ApiRecord {
  const id = c.id as number;
  if (include.has('addresses')) c.addresses = customerAddresses(ctx, id);
  if (include.has('storecredit')) c.store_credit_amounts = [{ amount: 0 }];
  if (include.has('attributes')) c.attributes = [];
  if (include.has('formfields')) c.form_fields = [];
  return c;
}
