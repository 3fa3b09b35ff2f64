/**
 * v2 orders and their sub-resources (orders.v2.oas2.yml): order, order products, shipping
 * addresses, shipments and coupons. An order is first computed as a model (amounts in integer
 * cents, so totals add up exactly) and then rendered in v2 style: RFC 2822 dates and money as
 * decimal strings with four places ("336.3200"), as the spec's examples show.
 *
 * Seed choices: no Incomplete (status 0) and no archived orders, because BigCommerce hides those
 * from GET /v2/orders by default and a differential test over the raw seed would have to know it.
 * Sub-resource ids derive from the order id: order product (oid-1)*5+k+1; shipping address,
 * shipment and order-coupon ids equal the order id (at most one of each per order).
 */
import {
  BRAND_NAMES,
  FIRST_NAMES,
  hash32,
  HISTORY_MS,
  KIND,
  LAST_NAMES,
  money4,
  PLACES,
  rfc2822,
  Rng,
  STORE_NOW_MS,
  STORE_OPENED_MS,
  STREETS,
  toSecond,
  type Place,
} from '../../seed';
import { v2Url, type ApiRecord, type SeedContext } from './context';
import { customerBasics } from './customers';
import { productBasics, productVariants, variantId } from './products';
import { COUPON_DEFS, CURRENCY_DEFS, ORDER_STATUSES, type CouponDef, type CurrencyDef } from './settings';
import { DEFAULT_CHANNEL_ID, MARKETPLACE_CHANNEL_ID } from './taxonomy';

export const MAX_ORDER_ITEMS = 5;
const DAY = 86_400_000;

interface ItemModel {
  id: number;
  productId: number;
  /** Index of the variant within its product, or -1 for a custom line (no catalog product). */
  variantIndex: number;
  variantCount: number;
  name: string;
  sku: string;
  type: 'physical' | 'digital';
  quantity: number;
  quantityShipped: number;
  priceCents: number;
  taxCents: number;
  costCents: number;
  weight: number;
  brandName: string;
}

interface Address {
  first_name: string;
  last_name: string;
  company: string;
  street_1: string;
  street_2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  country_iso2: string;
  phone: string;
  email: string;
}

export interface OrderModel {
  id: number;
  customerId: number;
  created: number;
  modified: number;
  shipped: number | null;
  statusId: number;
  currency: CurrencyDef;
  billing: Address;
  shipping: Address;
  items: ItemModel[];
  subtotalExCents: number;
  subtotalTaxCents: number;
  shippingExCents: number;
  shippingTaxCents: number;
  discountCents: number;
  totalExCents: number;
  totalTaxCents: number;
  totalIncCents: number;
  refundedCents: number;
  coupon: CouponDef | null;
  paymentMethod: string;
  channelId: number;
  orderSource: string;
  externalSource: string | null;
  cartId: string;
  customerMessage: string;
  ip: string;
  emailOptIn: boolean;
  shippingMethod: string;
  shippingProvider: string;
  trackingNumber: string;
  isDigital: boolean;
}

const STATUS_WEIGHTS: readonly (readonly [number, number])[] = [
  [10, 35],
  [2, 20],
  [11, 15],
  [7, 5],
  [1, 5],
  [9, 4],
  [3, 3],
  [5, 4],
  [4, 3],
  [6, 2],
  [14, 2],
  [12, 1],
  [13, 0.5],
  [8, 0.5],
];

const LINE_COUNTS = [
  [1, 35],
  [2, 30],
  [3, 20],
  [4, 10],
  [5, 5],
] as const;
const QUANTITIES = [
  [1, 70],
  [2, 20],
  [3, 10],
] as const;

const PAYMENT_STATUS: Record<number, string> = {
  1: '',
  2: 'captured',
  3: 'captured',
  4: 'refunded',
  5: 'void',
  6: 'declined',
  7: 'pending',
  8: 'captured',
  9: 'captured',
  10: 'paid',
  11: 'authorized',
  12: 'held for review',
  13: 'captured',
  14: 'partially refunded',
};

function taxRate(place: Place): number {
  const us: Record<string, number> = { Texas: 0.0825, California: 0.0725, 'New York': 0.08875 };
  if (place.iso2 === 'US') return us[place.state] ?? 0.06;
  return { CA: 0.13, GB: 0.2, DE: 0.19, FR: 0.2, AU: 0.1 }[place.iso2] ?? 0;
}

/** The status has a stream of its own, so /orders/count can tally statuses without building orders. */
export function orderStatusOf(ctx: SeedContext, id: number): number {
  return Rng.for(ctx.seed, KIND.orderStatus, id).weighted(STATUS_WEIGHTS);
}

/**
 * Creation instants follow ids; every 25th order shares its second with the one before it, so
 * date_created has real ties.
 */
export function orderCreatedMs(ctx: SeedContext, id: number): number {
  if (id % 25 === 0 && id > 1) return orderCreatedMs(ctx, id - 1);
  const n = Math.max(ctx.orders, 1);
  const slot = HISTORY_MS * Math.min((id - 0.5) / n, 1);
  const jitter = (hash32(ctx.seed, KIND.order, id, 99) % 1800) * 1000;
  return Math.min(toSecond(STORE_OPENED_MS + slot * 0.98 + jitter), STORE_NOW_MS);
}

function addressOf(p: {
  first: string;
  last: string;
  company: string;
  street: string;
  place: Place;
  phone: string;
  email: string;
}): Address {
  return {
    first_name: p.first,
    last_name: p.last,
    company: p.company,
    street_1: p.street,
    street_2: '',
    city: p.place.city,
    state: p.place.state,
    zip: p.place.zip,
    country: p.place.country,
    country_iso2: p.place.iso2,
    phone: p.phone,
    email: p.email,
  };
}

/** One literal shape for every line (spreads here made V8 fall back to slow dictionary objects). */
function item(
  id: number,
  quantity: number,
  productId: number,
  variantIndex: number,
  variantCount: number,
  name: string,
  sku: string,
  type: 'physical' | 'digital',
  priceCents: number,
  rate: number,
  costCents: number,
  weight: number,
  brandName: string,
): ItemModel {
  return {
    id,
    productId,
    variantIndex,
    variantCount,
    name,
    sku,
    type,
    quantity,
    quantityShipped: 0,
    priceCents,
    taxCents: Math.round(priceCents * rate),
    costCents,
    weight,
    brandName,
  };
}

/**
 * The order behind id, drawn from its own random streams. The helpers below draw from `rng` in
 * the order this function calls them; that order is what makes a seed give the same store.
 */
export function orderModel(ctx: SeedContext, id: number): OrderModel {
  const rng = Rng.for(ctx.seed, KIND.order, id);
  const created = orderCreatedMs(ctx, id);
  const { customerId, billing, place } = orderCustomer(ctx, rng, id);
  const shipping: Address = rng.chance(0.85)
    ? billing
    : {
        ...billing,
        street_1: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
        street_2: rng.chance(0.5) ? 'c/o Reception' : '',
      };
  const statusId = orderStatusOf(ctx, id);
  const currency = rng.weighted<CurrencyDef>([
    [CURRENCY_DEFS[0], 85],
    [CURRENCY_DEFS[1], 9],
    [CURRENCY_DEFS[2], 6],
  ]);
  const convert = (usdCents: number) => Math.round(usdCents * currency.rate);
  const rate = taxRate(place);
  const items = orderItems(ctx, id, convert, rate);
  const isDigital = items.every((i) => i.type === 'digital');
  const shipped = shipItems(rng, statusId, items, created);
  const a = orderAmounts(rng, items, isDigital, statusId, convert, rate);
  const source = rng.weighted([
    ['www', 88],
    ['external', 7],
    ['manual', 5],
  ] as const);
  const lastEvent = shipped ?? created;
  const modified = rng.chance(0.4)
    ? lastEvent
    : Math.min(toSecond(lastEvent + rng.int(1, 10 * 86_400) * 1000), Math.max(STORE_NOW_MS, lastEvent));
  const provider = rng.pick(['ups', 'usps', 'fedex', '']);
  const d = orderDetails(rng, source, provider);
  return {
    id,
    customerId,
    created,
    modified,
    shipped,
    statusId,
    currency,
    billing,
    shipping,
    items,
    subtotalExCents: a.subtotalExCents,
    subtotalTaxCents: a.subtotalTaxCents,
    shippingExCents: a.shippingExCents,
    shippingTaxCents: a.shippingTaxCents,
    discountCents: a.discountCents,
    totalExCents: a.totalExCents,
    totalTaxCents: a.totalTaxCents,
    totalIncCents: a.totalIncCents,
    refundedCents: a.refundedCents,
    coupon: a.coupon,
    paymentMethod: d.paymentMethod,
    channelId: source === 'external' ? MARKETPLACE_CHANNEL_ID : DEFAULT_CHANNEL_ID,
    orderSource: source,
    externalSource: source === 'external' ? 'Amazon' : null,
    cartId: d.cartId,
    customerMessage: d.customerMessage,
    ip: d.ip,
    emailOptIn: d.emailOptIn,
    shippingMethod: isDigital
      ? 'None'
      : a.shippingExCents === 0
        ? 'Free Shipping'
        : SHIPPING_METHODS[provider],
    shippingProvider: provider,
    trackingNumber: d.trackingNumber,
    isDigital,
  };
}

/** A registered customer's address (85% of orders when the store has customers), else a guest's. */
function orderCustomer(
  ctx: SeedContext,
  rng: Rng,
  id: number,
): { customerId: number; billing: Address; place: Place } {
  const customerId = ctx.customers > 0 && !rng.chance(0.15) ? rng.int(1, ctx.customers) : 0;
  if (customerId > 0) {
    const c = customerBasics(ctx, customerId);
    const { firstName: first, lastName: last, company, street, phone, email } = c;
    return {
      customerId,
      place: c.place,
      billing: addressOf({ first, last, company, street, place: c.place, phone, email }),
    };
  }
  const place = rng.pick(PLACES);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const billing = addressOf({
    first,
    last,
    company: '',
    street: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    place,
    phone: rng.chance(0.5) ? '' : `555-${rng.int(100, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`,
    email: `guest${id}@example.net`,
  });
  return { customerId, place, billing };
}

/** The order's lines, from a stream of their own; custom lines when the store has no products. */
function orderItems(
  ctx: SeedContext,
  id: number,
  convert: (usdCents: number) => number,
  rate: number,
): ItemModel[] {
  const itemRng = Rng.for(ctx.seed, KIND.orderItems, id);
  const lineCount = itemRng.weighted(LINE_COUNTS);
  const items: ItemModel[] = [];
  for (let k = 0; k < lineCount; k++) {
    const quantity = itemRng.weighted(QUANTITIES);
    const lineId = (id - 1) * MAX_ORDER_ITEMS + k + 1;
    if (ctx.products === 0) {
      // A store without products still takes orders for custom lines (product_id 0).
      const priceCents = convert(itemRng.int(5, 80) * 100);
      items.push(item(lineId, quantity, 0, -1, 0, 'Custom Item', '', 'physical', priceCents, rate, 0, 1, ''));
      continue;
    }
    const p = productBasics(ctx, itemRng.int(1, ctx.products));
    const brand = p.brandId > 0 ? BRAND_NAMES[p.brandId - 1] : '';
    const variantIndex = itemRng.int(0, p.variantCount - 1);
    const priceCents = convert(p.priceCents);
    const costCents = convert(p.costCents);
    items.push(
      item(
        lineId,
        quantity,
        p.id,
        variantIndex,
        p.variantCount,
        p.name,
        p.sku,
        p.type,
        priceCents,
        rate,
        costCents,
        p.weight,
        brand,
      ),
    );
  }
  return items;
}

/** Marks shipped quantities (all lines, or the first of a partially shipped order); the ship time or null. */
function shipItems(rng: Rng, statusId: number, items: ItemModel[], created: number): number | null {
  if (!(statusId === 2 || statusId === 10 || (statusId === 3 && items.length > 1))) return null;
  for (const [k, line] of items.entries()) {
    if (statusId !== 3 || k === 0) line.quantityShipped = line.quantity;
  }
  return toSecond(created + rng.int(1, 5) * DAY + rng.int(0, 86_399) * 1000);
}

/** Coupon, shipping, discount, tax and totals in cents, so they add up exactly. */
function orderAmounts(
  rng: Rng,
  items: ItemModel[],
  isDigital: boolean,
  statusId: number,
  convert: (usdCents: number) => number,
  rate: number,
) {
  const coupon = rng.chance(0.1) ? rng.pick(COUPON_DEFS) : null;
  const subtotalExCents = items.reduce((s, i) => s + i.priceCents * i.quantity, 0);
  const subtotalTaxCents = items.reduce((s, i) => s + i.taxCents * i.quantity, 0);
  let shippingExCents =
    isDigital || rng.chance(0.3) ? 0 : convert(rng.int(5, 25) * 100 + rng.pick([0, 50, 99]));
  let discountCents = 0;
  if (coupon) {
    const amount = convert(Math.round(coupon.amount * 100));
    if (coupon.type === 'percentage_discount')
      discountCents = Math.round((subtotalExCents * coupon.amount) / 100);
    else if (coupon.type === 'per_total_discount') discountCents = amount;
    else if (coupon.type === 'per_item_discount') discountCents = amount * items[0].quantity;
    else if (coupon.type === 'shipping_discount') discountCents = Math.min(amount, shippingExCents);
    else if (coupon.type === 'free_shipping') shippingExCents = 0;
    discountCents = Math.min(discountCents, subtotalExCents + shippingExCents);
  }
  const shippingTaxCents = Math.round(shippingExCents * rate);
  const totalExCents = subtotalExCents + shippingExCents - discountCents;
  const totalTaxCents = subtotalTaxCents + shippingTaxCents;
  const totalIncCents = totalExCents + totalTaxCents;
  const refundedCents = statusId === 4 ? totalIncCents : statusId === 14 ? Math.round(totalIncCents / 2) : 0;
  return {
    coupon,
    subtotalExCents,
    subtotalTaxCents,
    shippingExCents,
    shippingTaxCents,
    discountCents,
    totalExCents,
    totalTaxCents,
    totalIncCents,
    refundedCents,
  };
}

/** How the order came in: payment, cart, the customer's message, IP, opt-in and tracking number. */
function orderDetails(rng: Rng, source: 'www' | 'external' | 'manual', provider: string) {
  const paymentMethod =
    source === 'manual'
      ? 'Manual'
      : rng.weighted([
          ['Credit Card', 55],
          ['PayPal', 20],
          ['Apple Pay', 10],
          ['Cash on Delivery', 5],
          ['Test Payment Gateway', 10],
        ] as const);
  const cartId = source === 'www' ? rng.uuid() : '';
  const customerMessage = rng.weighted([
    ['', 90],
    ["Please gift-wrap — it's for Zoë!", 3],
    ['Leave at the "back" door', 3],
    ['100% sure about the size_L?', 2],
    ['请在周末送货', 2],
  ]);
  const ip = `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const emailOptIn = rng.chance(0.3);
  const trackingNumber = provider === '' ? '' : `1Z${rng.hex(16).toUpperCase()}`;
  return { paymentMethod, cartId, customerMessage, ip, emailOptIn, trackingNumber };
}

function statusName(statusId: number): string {
  return ORDER_STATUSES.find((s) => s.id === statusId)!.name;
}

const m = money4;

export function buildOrder(ctx: SeedContext, model: OrderModel): ApiRecord {
  const o = model;
  const itemsTotal = o.items.reduce((s, i) => s + i.quantity, 0);
  const itemsShipped = o.items.reduce((s, i) => s + i.quantityShipped, 0);
  const link = (sub: string) => ({
    url: v2Url(ctx, `/orders/${o.id}/${sub}`),
    resource: `/orders/${o.id}/${sub}`,
  });
  return {
    id: o.id,
    customer_id: o.customerId,
    date_created: rfc2822(o.created),
    date_modified: rfc2822(o.modified),
    date_shipped: o.shipped === null ? '' : rfc2822(o.shipped),
    status_id: o.statusId,
    status: statusName(o.statusId),
    custom_status: statusName(o.statusId),
    subtotal_ex_tax: m(o.subtotalExCents),
    subtotal_inc_tax: m(o.subtotalExCents + o.subtotalTaxCents),
    subtotal_tax: m(o.subtotalTaxCents),
    base_shipping_cost: m(o.shippingExCents),
    shipping_cost_ex_tax: m(o.shippingExCents),
    shipping_cost_inc_tax: m(o.shippingExCents + o.shippingTaxCents),
    shipping_cost_tax: m(o.shippingTaxCents),
    shipping_cost_tax_class_id: 2,
    base_handling_cost: m(0),
    handling_cost_ex_tax: m(0),
    handling_cost_inc_tax: m(0),
    handling_cost_tax: m(0),
    handling_cost_tax_class_id: 2,
    base_wrapping_cost: m(0),
    wrapping_cost_ex_tax: m(0),
    wrapping_cost_inc_tax: m(0),
    wrapping_cost_tax: m(0),
    wrapping_cost_tax_class_id: 3,
    total_ex_tax: m(o.totalExCents),
    total_inc_tax: m(o.totalIncCents),
    total_tax: m(o.totalTaxCents),
    items_total: itemsTotal,
    items_shipped: itemsShipped,
    payment_method: o.paymentMethod,
    payment_provider_id: '',
    payment_status: PAYMENT_STATUS[o.statusId],
    refunded_amount: m(o.refundedCents),
    order_is_digital: o.isDigital,
    store_credit_amount: m(0),
    gift_certificate_amount: m(0),
    ip_address: o.ip,
    ip_address_v6: '',
    geoip_country: o.billing.country,
    geoip_country_iso2: o.billing.country_iso2,
    currency_id: o.currency.id,
    currency_code: o.currency.code,
    currency_exchange_rate: o.currency.rate.toFixed(10),
    default_currency_id: o.currency.id,
    default_currency_code: o.currency.code,
    staff_notes: '',
    customer_message: o.customerMessage,
    discount_amount: m(o.discountCents),
    coupon_discount: m(o.coupon ? o.discountCents : 0),
    shipping_address_count: o.isDigital ? 0 : 1,
    is_deleted: false,
    ebay_order_id: '0',
    cart_id: o.cartId,
    billing_address: { ...o.billing, form_fields: [] },
    is_email_opt_in: o.emailOptIn,
    order_source: o.orderSource,
    channel_id: o.channelId,
    external_source: o.externalSource,
    products: link('products'),
    shipping_addresses: link('shipping_addresses'),
    coupons: link('coupons'),
    external_id: null,
    external_merchant_id: null,
    tax_provider_id: 'BasicTaxProvider',
    store_default_currency_code: 'USD',
    store_default_to_transactional_exchange_rate: o.currency.rate.toFixed(10),
    customer_locale: 'en',
    external_order_id: '',
    is_tax_inclusive_pricing: false,
  };
}

export function orderProducts(ctx: SeedContext, o: OrderModel): ApiRecord[] {
  return o.items.map((i) => {
    let options: ApiRecord[] = [];
    let vid = 0;
    if (i.variantIndex >= 0) {
      vid = variantId(i.productId, i.variantIndex);
      if (i.variantCount > 1) {
        const variant = productVariants(ctx, i.productId)[i.variantIndex];
        options = (variant.option_values as ApiRecord[]).map((ov, k) => ({
          id: i.id * 10 + k,
          option_id: ov.option_id,
          order_product_id: i.id,
          product_option_id: ov.option_id,
          display_name: ov.option_display_name,
          display_name_customer: ov.option_display_name,
          display_name_merchant: ov.option_display_name,
          display_value: ov.label,
          display_value_customer: ov.label,
          display_value_merchant: ov.label,
          value: String(ov.id),
          type: ov.option_display_name === 'Color' ? 'Swatch' : 'Multiple choice',
          name: `${ov.option_display_name}-${i.productId}`,
          display_style: ov.option_display_name === 'Color' ? 'Swatch' : 'Rectangle',
        }));
      }
    }
    const totalEx = i.priceCents * i.quantity;
    const totalTax = i.taxCents * i.quantity;
    return {
      id: i.id,
      order_id: o.id,
      product_id: i.productId,
      variant_id: vid,
      order_pickup_method_id: 0,
      order_address_id: o.isDigital ? 0 : o.id,
      name: i.name,
      name_customer: i.name,
      name_merchant: i.name,
      sku: i.sku,
      upc: '',
      type: i.type,
      base_price: m(i.priceCents),
      price_ex_tax: m(i.priceCents),
      price_inc_tax: m(i.priceCents + i.taxCents),
      price_tax: m(i.taxCents),
      base_total: m(totalEx),
      total_ex_tax: m(totalEx),
      total_inc_tax: m(totalEx + totalTax),
      total_tax: m(totalTax),
      weight: i.weight.toFixed(4),
      width: '0.0000',
      height: '0.0000',
      depth: '0.0000',
      quantity: i.quantity,
      base_cost_price: m(i.costCents),
      cost_price_inc_tax: m(i.costCents),
      cost_price_ex_tax: m(i.costCents),
      cost_price_tax: m(0),
      is_refunded: o.statusId === 4,
      quantity_refunded: o.statusId === 4 ? i.quantity : 0,
      refund_amount: m(o.statusId === 4 ? totalEx + totalTax : 0),
      return_id: 0,
      wrapping_id: 0,
      wrapping_name: '',
      base_wrapping_cost: m(0),
      wrapping_cost_ex_tax: m(0),
      wrapping_cost_inc_tax: m(0),
      wrapping_cost_tax: m(0),
      wrapping_message: '',
      quantity_shipped: i.quantityShipped,
      event_name: null,
      event_date: null,
      fixed_shipping_cost: m(0),
      ebay_item_id: '',
      ebay_transaction_id: '',
      option_set_id: null,
      parent_order_product_id: null,
      is_bundled_product: false,
      bin_picking_number: '',
      external_id: null,
      brand: i.brandName,
      applied_discounts: [],
      product_options: options,
      configurable_fields: [],
      gift_certificate_id: null,
      discounted_total_inc_tax: m(totalEx + totalTax),
    };
  });
}

export function orderShippingAddresses(ctx: SeedContext, o: OrderModel): ApiRecord[] {
  if (o.isDigital) return [];
  return [
    {
      id: o.id,
      order_id: o.id,
      ...o.shipping,
      form_fields: [],
      items_total: o.items.reduce((s, i) => s + i.quantity, 0),
      items_shipped: o.items.reduce((s, i) => s + i.quantityShipped, 0),
      shipping_method: o.shippingMethod,
      base_cost: m(o.shippingExCents),
      cost_ex_tax: m(o.shippingExCents),
      cost_inc_tax: m(o.shippingExCents + o.shippingTaxCents),
      cost_tax: m(o.shippingTaxCents),
      cost_tax_class_id: 2,
      base_handling_cost: m(0),
      handling_cost_ex_tax: m(0),
      handling_cost_inc_tax: m(0),
      handling_cost_tax: m(0),
      handling_cost_tax_class_id: 2,
      shipping_zone_id: o.shipping.country_iso2 === 'US' ? 1 : 2,
      shipping_zone_name: o.shipping.country_iso2 === 'US' ? 'United States' : 'International',
      shipping_quotes: {
        url: v2Url(ctx, `/orders/${o.id}/shipping_addresses/${o.id}/shipping_quotes`),
        resource: `/orders/${o.id}/shipping_addresses/${o.id}/shipping_quotes`,
      },
    },
  ];
}

const SHIPPING_METHODS: Record<string, string> = {
  ups: 'UPS® Ground',
  usps: 'USPS Priority Mail',
  fedex: 'FedEx Home Delivery',
  '': 'Flat Rate',
};

const PROVIDER_NAMES: Record<string, string> = { ups: 'UPS', usps: 'USPS', fedex: 'FedEx', '': 'None' };

export function orderShipments(_ctx: SeedContext, o: OrderModel): ApiRecord[] {
  if (o.shipped === null || o.isDigital) return [];
  return [
    {
      id: o.id,
      order_id: o.id,
      customer_id: o.customerId,
      order_address_id: o.id,
      date_created: rfc2822(o.shipped),
      tracking_number: o.trackingNumber,
      merchant_shipping_cost: m(0),
      shipping_method: o.shippingMethod,
      shipping_provider: o.shippingProvider,
      shipping_provider_display_name: PROVIDER_NAMES[o.shippingProvider],
      tracking_carrier: o.shippingProvider,
      tracking_link: '',
      generated_tracking_link: '',
      comments: '',
      billing_address: o.billing,
      shipping_address: o.shipping,
      items: o.items
        .filter((i) => i.quantityShipped > 0)
        .map((i) => ({ order_product_id: i.id, product_id: i.productId, quantity: i.quantityShipped })),
    },
  ];
}

export function orderCoupons(_ctx: SeedContext, o: OrderModel): ApiRecord[] {
  if (!o.coupon) return [];
  return [
    {
      id: o.id,
      coupon_id: o.coupon.id,
      order_id: o.id,
      code: o.coupon.code,
      amount: o.coupon.amount.toFixed(4),
      type: o.coupon.typeNumber,
      discount: o.discountCents / 100,
    },
  ];
}
