/**
 * The store's small fixed sets: store information, currencies, tax classes, channels, price
 * lists, coupons and order statuses. Values follow the examples in the matching spec files.
 */
import { isoDate, rfc2822, STORE_NOW_MS, STORE_OPENED_MS, toSecond } from '../../seed';
import type { ApiRecord, SeedContext } from './context';
import { DEFAULT_CHANNEL_ID, MARKETPLACE_CHANNEL_ID } from './taxonomy';

const DAY = 86_400_000;
const opened = (days: number) => toSecond(STORE_OPENED_MS + days * DAY);

/** store_information.v2.yml GET /store */
export function buildStoreInfo(ctx: SeedContext): ApiRecord {
  return {
    id: ctx.storeHash,
    account_uuid: '8d4d492f-17a1-4d95-b396-e1c5720815a5',
    domain: `${ctx.storeHash}.simulated.example`,
    secure_url: `https://${ctx.storeHash}.simulated.example`,
    control_panel_base_url: `https://store-${ctx.storeHash}.mybigcommerce.com`,
    status: 'live',
    name: 'Simulated Store',
    first_name: 'Jane',
    last_name: 'Doe',
    address: '455 Main Street, Austin, TX 78751',
    country: 'United States',
    country_code: 'US',
    infrastructure_region: 'us-central1',
    phone: '555-123-4567',
    admin_email: 'owner@demo-store.example',
    order_email: 'orders@demo-store.example',
    favicon_url: `https://cdn11.bigcommerce.com/s-${ctx.storeHash}/product_images/favicon.ico`,
    timezone: {
      name: 'America/Chicago',
      raw_offset: -21600,
      dst_offset: -18000,
      dst_correction: true,
      date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
    },
    language: 'en',
    currency: 'USD',
    currency_symbol: '$',
    decimal_separator: '.',
    thousands_separator: ',',
    decimal_places: 2,
    currency_symbol_location: 'left',
    weight_units: 'Pounds',
    dimension_units: 'Inches',
    dimension_decimal_places: 2,
    dimension_decimal_token: '.',
    dimension_thousands_token: ',',
    plan_name: 'Pro',
    plan_level: 'Pro',
    plan_is_trial: false,
    industry: 'Home & Garden',
    logo: { url: `https://cdn11.bigcommerce.com/s-${ctx.storeHash}/product_images/logo.png` },
    is_price_entered_with_tax: false,
    store_id: 1000000 + (ctx.seed % 8999999),
    default_channel_id: DEFAULT_CHANNEL_ID,
    default_site_id: 1000,
    active_comparison_modules: [],
    features: {
      stencil_enabled: true,
      sitewidehttps_enabled: true,
      facebook_catalog_id: '',
      checkout_type: 'optimized',
      wishlists_enabled: true,
      graphql_storefront_api_enabled: true,
      shopper_consent_tracking_enabled: true,
      multi_storefront_enabled: true,
      storefront_limits: { active: 3, total_including_inactive: 4 },
    },
  };
}

export interface CurrencyDef {
  id: number;
  code: string;
  /** Units of this currency per US dollar, as BigCommerce stores it. */
  rate: number;
}

export const CURRENCY_DEFS: readonly CurrencyDef[] = [
  { id: 1, code: 'USD', rate: 1 },
  { id: 2, code: 'EUR', rate: 0.849 },
  { id: 3, code: 'GBP', rate: 0.7512 },
  { id: 4, code: 'CAD', rate: 1.3375 },
];

/**
 * currencies.v2.yml. last_updated is ISO 8601: the schema says format date-time (its prose
 * example is RFC 2822; the schema wins so responses validate).
 */
export function buildCurrencies(): ApiRecord[] {
  const meta: Record<string, [string, string, string, string[]]> = {
    USD: ['US Dollar', 'US', '$', ['US']],
    EUR: ['Euro', 'EU', '€', ['DE', 'FR']],
    GBP: ['British Pound', 'GB', '£', ['GB']],
    CAD: ['Canadian Dollar', 'CA', 'C$', ['CA']],
  };
  return CURRENCY_DEFS.map((c) => {
    const [name, iso2, token, countries] = meta[c.code];
    return {
      id: c.id,
      is_default: c.id === 1,
      last_updated: isoDate(opened(c.id * 3)),
      country_iso2: iso2,
      default_for_country_codes: countries,
      currency_code: c.code,
      currency_exchange_rate: c.rate.toFixed(10),
      auto_update: c.id !== 1,
      token_location: c.code === 'EUR' ? 'right' : 'left',
      token,
      decimal_token: c.code === 'EUR' ? ',' : '.',
      thousands_token: c.code === 'EUR' ? '.' : ',',
      decimal_places: 2,
      name,
      enabled: c.code !== 'CAD',
      is_transactional: c.code !== 'CAD',
      use_default_name: true,
    };
  });
}

/** tax_classes.v2.yml: ids are strings there; created_at/updated_at are date-time. */
export function buildTaxClasses(): ApiRecord[] {
  return [
    [1, 'Non-Taxable Products'],
    [2, 'Shipping'],
    [3, 'Gift Wrapping'],
    [4, 'Clothing & "Apparel"'],
  ].map(([id, name]) => ({
    id: String(id),
    name,
    created_at: new Date(opened(id as number)).toISOString(),
    updated_at: new Date(opened(10 + (id as number))).toISOString(),
  }));
}

/** channels.v3.yml, with ids, platforms and icons as its multi-channel example. */
export function buildChannels(): ApiRecord[] {
  const icon = (p: string) =>
    `https://storage.googleapis.com/bigcommerce-production-dev-center/images/${p}_icon.svg`;
  const channel = (
    id: number,
    name: string,
    type: string,
    platform: string,
    status: string,
    days: number,
    listable = true,
  ): ApiRecord => ({
    id,
    name,
    type,
    platform,
    status,
    external_id: '',
    is_listable_from_ui: listable,
    is_visible: status !== 'archived',
    is_enabled: status === 'active' || status === 'connected',
    date_created: new Date(opened(days)).toISOString().replace('.000Z', 'Z'),
    date_modified: new Date(opened(days + 20)).toISOString().replace('.000Z', 'Z'),
    icon_url: icon(platform.split(' ')[0]),
  });
  return [
    channel(DEFAULT_CHANNEL_ID, 'Simulated Store', 'storefront', 'bigcommerce', 'active', 0),
    channel(MARKETPLACE_CHANNEL_ID, 'Amazon', 'marketplace', 'amazon', 'connected', 100),
    channel(667159, 'Facebook by Meta', 'marketing', 'facebook by meta', 'connected', 150, false),
    channel(667160, 'Pop-up Shop POS', 'pos', 'square', 'inactive', 300),
    channel(667161, "Old Wholesale Site (don't use)", 'storefront', 'custom', 'archived', 20),
  ];
}

/** Currencies a channel sells in (?include=currencies). */
export function channelCurrencies(id: number): ApiRecord {
  return id === DEFAULT_CHANNEL_ID
    ? { channel_id: id, enabled_currencies: ['USD', 'EUR', 'GBP'], default_currency: 'USD' }
    : { channel_id: id, enabled_currencies: ['USD'], default_currency: 'USD' };
}

/** price_lists.v3.yml */
export function buildPriceLists(): ApiRecord[] {
  return [
    [1, 'Wholesale', true, 5],
    [2, 'VIP', true, 12],
    [3, "Employees' 20%", false, 30],
    [4, 'Clearance_2025', true, 400],
  ].map(([id, name, active, days]) => ({
    id,
    name,
    active,
    date_created: isoDate(opened(days as number)),
    date_modified: isoDate(opened((days as number) + 50)),
  }));
}

export interface CouponDef {
  id: number;
  name: string;
  code: string;
  type: string;
  /** The order-coupon `type` number for this coupon type (orders.v2.oas2.yml, order coupon type enum). */
  typeNumber: number;
  amount: number;
  minPurchase: number;
}

const COUPON_TYPES = [
  'per_item_discount',
  'percentage_discount',
  'per_total_discount',
  'shipping_discount',
  'free_shipping',
  'promotion',
];

const COUPON_SEEDS: readonly [string, string, string, number, number][] = [
  ['$5 off', 'S2549JM0Y', 'per_total_discount', 5, 0],
  ['10% off everything', 'TENOFF', 'percentage_discount', 10, 0],
  ['Free shipping over $50', 'SHIPFREE', 'free_shipping', 0, 50],
  ['Spring_Sale 15%', 'SPRING_15', 'percentage_discount', 15, 25],
  ['$2 off each mug', 'MUG2', 'per_item_discount', 2, 0],
  ["Friends & Family 'VIP'", 'FAMILY', 'percentage_discount', 20, 0],
  ['Half-price shipping', 'SHIPHALF', 'shipping_discount', 5, 0],
  ['Welcome 5€', 'BIENVENUE', 'per_total_discount', 5, 30],
  ['Black Friday 30%', 'BF30', 'percentage_discount', 30, 100],
  ['Loyalty reward', 'THANKYOU', 'per_total_discount', 10, 75],
  ['Zoë’s référence', 'ZOE-REF', 'per_total_discount', 7.5, 0],
  ['100%_off test', 'TEST100', 'percentage_discount', 100, 0],
];

export const COUPON_DEFS: readonly CouponDef[] = COUPON_SEEDS.map(([name, code, type, amount, min], i) => ({
  id: i + 1,
  name,
  code,
  type,
  typeNumber: COUPON_TYPES.indexOf(type),
  amount,
  minPurchase: min,
}));

/** marketing.v2.yml GET /coupons (shape of its example: RFC 2822 dates, decimal strings). */
export function buildCoupons(): ApiRecord[] {
  return COUPON_DEFS.map((c) => ({
    id: c.id,
    name: c.name,
    type: c.type,
    amount: c.amount.toFixed(4),
    min_purchase: c.minPurchase.toFixed(4),
    expires: c.id % 4 === 0 ? rfc2822(toSecond(STORE_NOW_MS + c.id * 10 * DAY)) : '',
    enabled: c.id !== 12,
    code: c.code,
    applies_to: c.id === 5 ? { entity: 'products', ids: [1, 2, 4] } : { entity: 'categories', ids: [0] },
    num_uses: (c.id * 37) % 200,
    max_uses: c.id % 3 === 0 ? 500 : 0,
    max_uses_per_customer: c.id % 5 === 0 ? 1 : 0,
    restricted_to: c.id === 8 ? { countries: 'FR' } : {},
    shipping_methods: [],
    date_created: rfc2822(opened(c.id * 17)),
  }));
}

/** orders.v2.oas2.yml GET /order_statuses: id, name and the display order of its example. */
export const ORDER_STATUSES: readonly { id: number; name: string; order: number; description: string }[] = [
  {
    id: 0,
    name: 'Incomplete',
    order: 0,
    description:
      'An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.',
  },
  {
    id: 1,
    name: 'Pending',
    order: 1,
    description: 'Customer started the checkout process, but did not complete it.',
  },
  {
    id: 2,
    name: 'Shipped',
    order: 8,
    description:
      'Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.',
  },
  {
    id: 3,
    name: 'Partially Shipped',
    order: 6,
    description:
      'Only some items in the order have been shipped, due to some products being pre-order only or other reasons.',
  },
  { id: 4, name: 'Refunded', order: 11, description: 'Seller has used the Refund action.' },
  {
    id: 5,
    name: 'Cancelled',
    order: 9,
    description: 'Seller has cancelled an order, due to a stock inconsistency or other reasons.',
  },
  {
    id: 6,
    name: 'Declined',
    order: 10,
    description: 'Seller has marked the order as declined for lack of manual payment, or other reasons.',
  },
  {
    id: 7,
    name: 'Awaiting Payment',
    order: 2,
    description: 'Customer has completed checkout process, but payment has yet to be confirmed.',
  },
  {
    id: 8,
    name: 'Awaiting Pickup',
    order: 5,
    description: 'Order has been pulled, and is awaiting customer pickup from a seller-specified location.',
  },
  {
    id: 9,
    name: 'Awaiting Shipment',
    order: 4,
    description: 'Order has been pulled and packaged, and is awaiting collection from a shipping provider.',
  },
  {
    id: 10,
    name: 'Completed',
    order: 7,
    description: 'Client has paid for their digital product and their file(s) are available for download.',
  },
  {
    id: 11,
    name: 'Awaiting Fulfillment',
    order: 3,
    description: 'Customer has completed the checkout process and payment has been confirmed.',
  },
  {
    id: 12,
    name: 'Manual Verification Required',
    order: 13,
    description: 'Order is on hold while some aspect needs to be manually confirmed.',
  },
  {
    id: 13,
    name: 'Disputed',
    order: 12,
    description:
      'Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.',
  },
  { id: 14, name: 'Partially Refunded', order: 14, description: 'Seller has partially refunded the order.' },
];
