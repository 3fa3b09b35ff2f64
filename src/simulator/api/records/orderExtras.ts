/**
 * More of an order's sub-resources, derived from the same order model as the order itself so
 * they agree with it: messages and taxes (orders.v2.oas2.yml), consignments (the same file's
 * /orders/{id}/consignments), transactions and refunds (orders.v3.yml).
 *
 * Ids derive from the order id: at most MAX_MESSAGES messages ((oid-1)*MAX_MESSAGES+k+1), at most
 * MAX_TAXES taxes, two transactions, one refund and one consignment of each kind per order, those
 * taking the order id.
 */
import { isoDate, rfc2822, Rng, toSecond } from '../../seed';
import { v2Url, type ApiRecord, type SeedContext } from './context';
import { MAX_ORDER_ITEMS, orderStatusOf, type OrderModel } from './orders';

export const MAX_MESSAGES = 2;
export const MAX_TAXES = MAX_ORDER_ITEMS + 1;
const SALT = { messages: 101, transactions: 102 };
const HOUR = 3_600_000;

/** Statuses whose orders were never paid (Pending, Cancelled, Declined, Awaiting Payment). */
const UNPAID = new Set([1, 5, 6, 7]);

/** Refunded (4) and Partially Refunded (14) orders have a refund; cheap, from the status stream. */
export function hasRefund(ctx: SeedContext, orderId: number): boolean {
  const s = orderStatusOf(ctx, orderId);
  return s === 4 || s === 14;
}

const cents = (c: number) => Math.round(c) / 100;

export function orderMessages(ctx: SeedContext, o: OrderModel): ApiRecord[] {
  const rng = Rng.for(ctx.seed, SALT.messages, o.id);
  const n = rng.weighted([
    [0, 70],
    [1, 20],
    [2, 10],
  ] as const);
  const out: ApiRecord[] = [];
  for (let k = 0; k < n; k++) {
    const fromShopper = k === 0;
    out.push({
      id: (o.id - 1) * MAX_MESSAGES + k + 1,
      order_id: o.id,
      staff_id: fromShopper ? 0 : 1,
      customer_id: o.customerId,
      type: fromShopper ? 'customer' : 'admin',
      subject: fromShopper ? `Question about order #${o.id}` : `Re: Order #${o.id}`,
      message: fromShopper
        ? rng.pick(['Can I change the delivery address?', 'When will it ship?', 'Is gift wrap possible?'])
        : 'Thank you — we have updated your order.',
      status: rng.chance(0.6) ? 'read' : 'unread',
      is_flagged: rng.chance(0.15),
      date_created: rfc2822(toSecond(o.created + (k + 1) * 5 * HOUR)),
      customer: {},
    });
  }
  return out;
}

export function orderTaxes(_ctx: SeedContext, o: OrderModel): ApiRecord[] {
  const out: ApiRecord[] = [];
  const us = o.shipping.country_iso2 === 'US';
  const name = us ? 'Sales Tax' : 'VAT';
  const add = (type: string, amountCents: number, baseCents: number, productId: number | null) => {
    const rate = baseCents > 0 ? (amountCents / baseCents) * 100 : 0;
    out.push({
      id: (o.id - 1) * MAX_TAXES + out.length + 1,
      order_id: o.id,
      order_address_id: o.isDigital ? 0 : o.id,
      tax_rate_id: us ? 1 : 2,
      sales_tax_id: us ? 'US-SALES' : 'INTL-VAT',
      tax_class_id: type === 'shipping' ? 2 : null,
      name,
      class: type === 'shipping' ? 'Shipping' : 'Default Tax Class',
      rate: rate.toFixed(4),
      priority: 0,
      priority_amount: (amountCents / 100).toFixed(4),
      line_amount: (amountCents / 100).toFixed(4),
      order_pickup_method_id: 0,
      order_product_id: productId === null ? '' : String(productId),
      line_item_type: type,
    });
  };
  for (const i of o.items) {
    if (i.taxCents > 0) add('item', i.taxCents * i.quantity, i.priceCents * i.quantity, i.id);
  }
  if (o.shippingTaxCents > 0) add('shipping', o.shippingTaxCents, o.shippingExCents, null);
  return out;
}

const GATEWAYS: Record<string, { gateway: string; method: string; test?: boolean }> = {
  'Credit Card': { gateway: 'braintree', method: 'credit_card' },
  PayPal: { gateway: 'paypalexpress', method: 'electronic_wallet' },
  'Apple Pay': { gateway: 'braintree', method: 'apple_pay_card' },
  'Cash on Delivery': { gateway: 'cod', method: 'offline' },
  'Test Payment Gateway': { gateway: 'testgateway', method: 'credit_card', test: true },
  Manual: { gateway: 'custom', method: 'custom' },
};

function transaction(
  ctx: SeedContext,
  o: OrderModel,
  k: number,
  event: string,
  amountCents: number,
  at: number,
): ApiRecord {
  const g = GATEWAYS[o.paymentMethod] ?? GATEWAYS.Manual;
  const rng = Rng.for(ctx.seed, SALT.transactions, o.id * 4 + k);
  const card = g.method === 'credit_card' || g.method === 'apple_pay_card';
  return {
    id: o.id * 2 - 1 + k,
    order_id: String(o.id),
    event,
    method: g.method,
    amount: cents(amountCents),
    currency: o.currency.code,
    gateway: g.gateway,
    gateway_transaction_id: g.method === 'offline' || g.method === 'custom' ? '' : rng.hex(12),
    test: g.test === true,
    status: 'ok',
    fraud_review: false,
    ...(k === 0 ? {} : { reference_transaction_id: o.id * 2 - 1 }),
    offline: g.method === 'offline' ? { display_name: o.paymentMethod } : null,
    custom: g.method === 'custom' ? { payment_method: 'Bank transfer' } : null,
    payment_method_id: `${g.gateway}.${g.method === 'credit_card' ? 'card' : g.method}`,
    date_created: isoDate(toSecond(at)),
    avs_result: card
      ? { code: 'Y', message: 'Street and postal code match', street_match: 'Y', postal_match: 'Y' }
      : {},
    cvv_result: card ? { code: 'M', message: 'CVV matches' } : {},
    credit_card: card
      ? {
          card_type: rng.pick(['visa', 'master', 'american_express', 'discover'] as const),
          card_iin: String(rng.int(400000, 559999)),
          card_last4: String(rng.int(1000, 9999)),
          card_expiry_month: rng.int(1, 12),
          card_expiry_year: rng.int(2026, 2031),
        }
      : {},
    gift_certificate: null,
    store_credit: null,
  };
}

/** A purchase for every paid order, and a refund transaction for refunded ones. */
export function orderTransactions(ctx: SeedContext, o: OrderModel): ApiRecord[] {
  if (UNPAID.has(o.statusId)) return [];
  const out = [transaction(ctx, o, 0, 'purchase', o.totalIncCents, o.created + 60_000)];
  if (o.refundedCents > 0) out.push(transaction(ctx, o, 1, 'refund', o.refundedCents, o.modified));
  return out;
}

/** orders.v3.yml refund: whole orders refund every line; partial refunds one order-level amount. */
export function orderRefund(ctx: SeedContext, o: OrderModel): ApiRecord | undefined {
  if (o.refundedCents <= 0) return undefined;
  const full = o.statusId === 4;
  const items = full
    ? o.items.map((i) => ({
        item_type: 'PRODUCT',
        item_id: i.id,
        reason: 'Returned',
        quantity: i.quantity,
        requested_amount: cents((i.priceCents + i.taxCents) * i.quantity),
      }))
    : [{ item_type: 'ORDER', item_id: o.id, reason: 'Goodwill', requested_amount: cents(o.refundedCents) }];
  const taxCents = full ? o.totalTaxCents : 0;
  const g = GATEWAYS[o.paymentMethod] ?? GATEWAYS.Manual;
  const offline = g.method === 'offline' || g.method === 'custom';
  return {
    id: o.id,
    order_id: o.id,
    user_id: 1,
    created: isoDate(toSecond(o.modified)),
    reason: full ? 'Order returned' : 'Partial refund',
    total_amount: cents(o.refundedCents),
    total_tax: cents(taxCents),
    uses_merchant_override_values: !full,
    items,
    payments: [
      {
        id: o.id,
        provider_id: g.gateway,
        amount: cents(o.refundedCents),
        offline,
        is_declined: false,
        declined_message: '',
      },
    ],
  };
}

const link = (ctx: SeedContext, o: OrderModel) =>
  o.items.map((i) => ({
    url: v2Url(ctx, `/orders/${o.id}/products/${i.id}`),
    resource: `/orders/${o.id}/products/${i.id}`,
  }));

/** Orders with a pickup consignment: a few physical ones, collected in the Austin store. */
const hasPickup = (o: OrderModel) => !o.isDigital && o.id % 9 === 4;

export function orderConsignments(ctx: SeedContext, o: OrderModel): ApiRecord {
  const lines = link(ctx, o);
  const s = o.shipping;
  const shipping = o.isDigital
    ? []
    : [
        {
          id: o.id,
          first_name: s.first_name,
          last_name: s.last_name,
          company: s.company,
          street_1: s.street_1,
          street_2: s.street_2,
          city: s.city,
          zip: s.zip,
          country: s.country,
          country_iso2: s.country_iso2,
          state: s.state,
          email: s.email,
          phone: s.phone,
          form_fields: [],
          line_items: lines,
          items_total: o.items.reduce((n, i) => n + i.quantity, 0),
          items_shipped: o.items.reduce((n, i) => n + i.quantityShipped, 0),
          shipping_method: o.shippingMethod,
          base_cost: cents(o.shippingExCents),
          cost_ex_tax: cents(o.shippingExCents),
          cost_inc_tax: cents(o.shippingExCents + o.shippingTaxCents),
          cost_tax: cents(o.shippingTaxCents),
          cost_tax_class_id: 2,
          base_handling_cost: 0,
          handling_cost_ex_tax: 0,
          handling_cost_inc_tax: 0,
          handling_cost_tax: 0,
          handling_cost_tax_class_id: 2,
          shipping_zone_id: s.country_iso2 === 'US' ? 1 : 2,
          shipping_zone_name: s.country_iso2 === 'US' ? 'United States' : 'International',
          shipping_quotes: {
            url: v2Url(ctx, `/orders/${o.id}/consignments/shipping/${o.id}/shipping_quotes`),
            resource: `/orders/${o.id}/consignments/shipping/${o.id}/shipping_quotes`,
          },
        },
      ];
  const pickups = hasPickup(o)
    ? [
        {
          id: o.id,
          pickup_method_id: 1,
          pickup_method_display_name: 'Collect in store',
          collection_instructions: 'Bring your order confirmation to the front desk.',
          collection_time_description: 'Ready within 2 hours',
          location: {
            id: 1,
            name: 'Austin store',
            code: 'AUS-1',
            address_line_1: '500 Congress Ave',
            address_line_2: '',
            city: 'Austin',
            state: 'Texas',
            postal_code: '78701',
            country_alpha2: 'US',
            email: 'austin@example.com',
            phone: '+1 512 555 0100',
          },
          line_items: lines,
        },
      ]
    : [];
  const downloads = o.isDigital ? [{ recipient_email: o.billing.email, line_items: lines }] : [];
  const gifts =
    o.id % 11 === 5 ? [{ recipient_email: `gift${o.id}@example.com`, line_items: lines.slice(0, 1) }] : [];
  return { pickups, shipping, downloads, email: { gift_certificates: gifts } };
}
