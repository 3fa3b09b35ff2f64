/**
 * Small store-wide sets: blog posts and tags (store_content.v2.yml), pages (pages.v3.yml),
 * redirects (redirects.v3.yml), shipping zones and their methods (shipping.v2.yml), promotions
 * (promotions.v3.yml), system logs (store_logs.v3.yml) and webhooks (webhooks.v3.yml). Fixed
 * content, dated from the store's fixed "now" so every run serves the same records.
 */
import { isoDate, STORE_NOW_MS, toSecond } from '../../seed';
import type { ApiRecord, SeedContext } from './context';

const DAY = 86_400_000;
const ago = (days: number) => toSecond(STORE_NOW_MS - days * DAY);

const POSTS: readonly [string, string[], number, boolean][] = [
  ['Spring collection is here', ['News', 'Spring'], 300, true],
  ['How to care for linen', ['Guides'], 240, true],
  ['Behind the scenes: our workshop', ['News', 'Stories'], 150, true],
  ['Gift ideas under $50', ['Guides', 'Gifts'], 60, true],
  ['Holiday shipping deadlines', ['News'], 20, true],
  ['Draft: summer lookbook', ['Spring'], 2, false],
];

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function buildBlogPosts(ctx: SeedContext): ApiRecord[] {
  return POSTS.map(([title, tags, days, published], i) => {
    const at = ago(days);
    const url = `/blog/${slug(title)}/`;
    return {
      id: i + 1,
      title,
      url,
      preview_url: `https://store-${ctx.storeHash}.mybigcommerce.com${url}`,
      body: `<p>${title}.</p>`,
      tags,
      summary: `${title}.`,
      is_published: published,
      published_date: { timezone_type: 1, date: isoDate(at), timezone: '+00:00' },
      published_date_iso8601: isoDate(at),
      meta_description: null,
      meta_keywords: null,
      author: i % 2 === 0 ? 'Ana Ruiz' : 'Sam Lee',
      thumbnail_path: null,
    };
  });
}

/** Each tag with the posts that carry it (the v2 endpoint's shape). */
export function buildBlogTags(posts: readonly ApiRecord[]): ApiRecord[] {
  const byTag = new Map<string, number[]>();
  for (const p of posts)
    for (const t of p.tags as string[]) byTag.set(t, [...(byTag.get(t) ?? []), p.id as number]);
  return [...byTag].map(([tag, post_ids]) => ({ tag, post_ids }));
}

export function buildPages(): ApiRecord[] {
  const page = (id: number, name: string, type: string, extra: ApiRecord = {}) => ({
    id,
    channel_id: 1,
    name,
    is_visible: true,
    parent_id: 0,
    sort_order: id,
    type,
    is_homepage: false,
    is_customers_only: false,
    url: `/${slug(name)}/`,
    meta_title: null,
    meta_keywords: null,
    meta_description: null,
    search_keywords: null,
    ...extra,
  });
  return [
    page(1, 'About us', 'page', { body: '<p>Made by hand since 2015.</p>', content_type: 'text/html' }),
    page(2, 'Shipping & Returns', 'page', { body: '<p>30-day returns.</p>', content_type: 'text/html' }),
    page(3, 'Contact us', 'contact_form', { email: 'hello@example.com', contact_fields: 'fullname,phone' }),
    page(4, 'Blog', 'blog'),
    page(5, 'Wholesale', 'page', {
      body: '<p>Trade accounts.</p>',
      content_type: 'text/html',
      is_customers_only: true,
    }),
    page(6, 'Size guide', 'raw', { body: '<table></table>', content_type: 'text/html', parent_id: 2 }),
    page(7, 'Our Instagram', 'link', { link: 'https://instagram.com/example' }),
  ];
}

export function buildRedirects(ctx: SeedContext): ApiRecord[] {
  const base = `https://store-${ctx.storeHash}.mybigcommerce.com`;
  const to = (type: string, entityId: number, url: string) => ({ type, entity_id: entityId, url });
  return [
    { from: '/old-mugs/', to: to('category', 2, '/mugs/') },
    { from: '/sale-2024/', to: to('page', 2, '/shipping-returns/') },
    { from: '/p/1/', to: to('product', 1, '/products/1/') },
    { from: '/brand/old/', to: to('brand', 1, '/brands/1/') },
    { from: '/news/spring/', to: to('post', 1, '/blog/spring-collection-is-here/') },
    { from: '/instagram/', to: to('url', 0, 'https://instagram.com/example') },
  ].map((r, i) => ({
    id: i + 1,
    site_id: 1000,
    from_path: r.from,
    to: r.to,
    to_url: r.to.url.startsWith('http') ? r.to.url : `${base}${r.to.url}`,
  }));
}

/** Zone 1 (United States) and 2 (International) are the ones order consignments name. */
export function buildShippingZones(): ApiRecord[] {
  const zone = (id: number, name: string, type: string, locations: ApiRecord[], enabled = true) => ({
    id,
    name,
    type,
    locations,
    free_shipping: {
      enabled: id === 1,
      minimum_sub_total: id === 1 ? '100.0000' : '0.0000',
      exclude_fixed_shipping_products: false,
    },
    handling_fees: { fixed_surcharge: '0.0000', display_separately: true, percentage_surcharge: '0.0000' },
    enabled,
  });
  return [
    zone(1, 'United States', 'country', [{ id: 1, country_iso2: 'US' }]),
    zone(2, 'International', 'country', [
      { id: 2, country_iso2: 'CA' },
      { id: 3, country_iso2: 'GB' },
      { id: 4, country_iso2: 'DE' },
      { id: 5, country_iso2: 'FR' },
      { id: 6, country_iso2: 'AU' },
    ]),
    zone(
      3,
      'Austin local delivery',
      'zip',
      [{ id: 7, zip: '78701', country_iso2: 'US', state_iso2: 'TX' }],
      false,
    ),
  ];
}

export function buildShippingMethods(zoneId: number): ApiRecord[] {
  const method = (k: number, name: string, type: string, rate: number, enabled = true) => ({
    id: (zoneId - 1) * 4 + k + 1,
    name,
    type,
    settings: { rate },
    enabled,
    handling_fees: { fixed_surcharge: 0, percentage_surcharge: 0 },
    is_fallback: false,
    channel_ids: [1],
  });
  if (zoneId === 1)
    return [method(0, 'Flat Rate', 'perorder', 7.99), method(1, 'Free Shipping', 'freeshipping', 0)];
  if (zoneId === 2)
    return [method(0, 'International Flat Rate', 'perorder', 24.99), method(1, 'Per item', 'peritem', 4)];
  return [method(0, 'Courier', 'perorder', 5, false)];
}

export function buildPromotions(): ApiRecord[] {
  const promo = (
    id: number,
    name: string,
    type: string,
    status: string,
    percent: string,
    extra: ApiRecord = {},
  ) => ({
    id,
    redemption_type: type,
    name,
    display_name: name,
    channels: [{ id: 1 }],
    customer: { group_ids: [], minimum_order_count: 0, excluded_group_ids: [] },
    rules: [
      {
        action: { cart_value: { discount: { percentage_amount: percent } } },
        apply_once: true,
        stop: false,
        condition: { cart: { minimum_spend: '50' } },
      },
    ],
    current_uses: id * 7,
    max_uses: 1000,
    status,
    start_date: isoDate(ago(200 - id * 20)),
    stop: false,
    can_be_used_with_other_promotions: false,
    currency_code: 'USD',
    notifications: [],
    coupon_overrides_other_promotions: false,
    created_from: 'react_ui',
    ...extra,
  });
  return [
    promo(1, 'Spend $50, save 10%', 'AUTOMATIC', 'ENABLED', '10'),
    promo(2, 'Spring sale 15%', 'AUTOMATIC', 'DISABLED', '15', { end_date: isoDate(ago(30)) }),
    promo(3, 'WELCOME20 coupon', 'COUPON', 'ENABLED', '20', {
      coupon_type: 'SINGLE',
      codes: {
        id: 1,
        code: 'WELCOME20',
        current_uses: 21,
        max_uses: 0,
        max_uses_per_customer: 1,
        created: isoDate(ago(150)),
      },
    }),
    promo(4, 'VIP bulk codes', 'COUPON', 'ENABLED', '25', {
      coupon_type: 'BULK',
      multiple_codes: { has_multiple_codes: true },
    }),
  ];
}

const LOGS: readonly [string, string, string, string][] = [
  ['general', 'product_import', 'notice', 'Product import finished: 120 products'],
  ['payment', 'braintree', 'error', 'Payment declined by the gateway'],
  ['shipping', 'ups', 'warning', 'UPS rate request timed out; flat rate used'],
  ['email', 'notifications', 'notice', 'Order confirmation sent'],
  ['general', 'webhooks', 'warning', 'Webhook destination answered 500'],
  ['payment', 'paypalexpress', 'notice', 'Refund processed'],
  ['general', 'api', 'success', 'API account created'],
  ['shipping', 'usps', 'error', 'Address could not be validated'],
];
const SEVERITY: Record<string, number> = { success: 1, notice: 2, warning: 3, error: 4 };

/** store_logs.v3.yml names severity both as a word and as a number (severity:min); the record carries the word. */
export function buildStoreLogs(): ApiRecord[] {
  return LOGS.map(([type, module, severity, summary], i) => ({
    id: i + 1,
    type,
    module,
    severity,
    summary,
    message: `${summary}.`,
    date_created: isoDate(ago(40 - i * 5)),
  }));
}
export const severityLevel = (word: unknown) => SEVERITY[String(word)] ?? 0;

export function buildWebhooks(ctx: SeedContext): ApiRecord[] {
  return [
    ['store/order/created', true],
    ['store/order/statusUpdated', true],
    ['store/product/updated', false],
    ['store/customer/created', true],
  ].map(([scope, active], i) => ({
    id: 100 + i,
    client_id: 'sim-app-client',
    store_hash: ctx.storeHash,
    scope,
    destination: `https://hooks.example.com/bigcommerce/${i + 1}`,
    headers: null,
    is_active: active,
    created_at: Math.floor(ago(90 - i * 10) / 1000),
    updated_at: Math.floor(ago(30 - i * 5) / 1000),
  }));
}
