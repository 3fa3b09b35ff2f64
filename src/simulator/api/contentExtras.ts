/**
 * Endpoints of the small store-wide sets, with the filters their spec files list: blog posts and
 * tags, shipping zones and methods (v2); pages, redirects, promotions, system logs, webhooks,
 * subscribers, customer attributes, attribute values, form field values and wishlists (v3).
 */
import type { ApiRecord } from '../store';
import type { FixedSet } from '../storeExtras';
import { countV2, listV2, listV3 } from './lists';
import { dateMs, type FieldDef, type ListSpec, type Op } from './query';
import { severityLevel } from './records/contentExtras';
import { v2NotFound, v2One, v3NotFound, v3One } from './respond';
import { route, SCOPES, type Route, type RouteCall } from './route';

const f = (name: string) => (r: ApiRecord) => r[name];
const field = (type: FieldDef<ApiRecord>['type'], name: string, ops: readonly Op[]): FieldDef<ApiRecord> => ({
  type,
  get: f(name),
  ops,
});
const date = (name: string, ops: readonly Op[] = ['eq', 'min', 'max']): FieldDef<ApiRecord> => ({
  type: 'date',
  get: (r) => dateMs(r[name]),
  ops,
});

const BLOG_SPEC: ListSpec<ApiRecord> = {
  fields: {
    is_published: field('bool', 'is_published', ['eq']),
    url: field('string', 'url', ['eq']),
    tag: {
      type: 'string',
      get: f('tags'),
      ops: ['eq'],
      custom: (r, raw) => (r.tags as string[]).includes(raw),
    },
    published_date: { type: 'date', get: (r) => dateMs(r.published_date_iso8601), ops: ['eq'] },
  },
};

const PAGE_SPEC: ListSpec<ApiRecord> = {
  fields: {
    channel_id: field('int', 'channel_id', ['eq']),
    id: field('int', 'id', ['in']),
    name: field('string', 'name', ['eq', 'like']),
  },
};

const REDIRECT_SPEC: ListSpec<ApiRecord> = {
  fields: { site_id: field('int', 'site_id', ['eq']), id: field('int', 'id', ['in', 'min', 'max']) },
};

const PROMOTION_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: field('int', 'id', ['eq']),
    name: field('string', 'name', ['eq']),
    currency_code: field('string', 'currency_code', ['eq']),
    redemption_type: field('string', 'redemption_type', ['eq']),
    status: field('string', 'status', ['eq']),
  },
};

const LOG_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: field('int', 'id', ['in']),
    type: field('string', 'type', ['eq', 'not']),
    module: field('string', 'module', ['eq', 'not']),
    severity: { type: 'int', get: (r) => severityLevel(r.severity), ops: ['eq', 'min', 'max'] },
  },
};

const HOOK_SPEC: ListSpec<ApiRecord> = {
  fields: {
    is_active: field('bool', 'is_active', ['eq']),
    scope: field('string', 'scope', ['eq']),
    destination: field('string', 'destination', ['eq']),
  },
};

const SUBSCRIBER_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: field('int', 'id', ['eq', 'in']),
    email: field('string', 'email', ['eq']),
    first_name: field('string', 'first_name', ['eq']),
    last_name: field('string', 'last_name', ['eq']),
    source: field('string', 'source', ['eq']),
    order_id: field('int', 'order_id', ['eq']),
    date_created: date('date_created'),
    date_modified: date('date_modified'),
  },
};

const ATTRIBUTE_SPEC: ListSpec<ApiRecord> = {
  fields: {
    name: field('string', 'name', ['eq', 'like']),
    type: field('string', 'type', ['eq']),
    date_created: date('date_created'),
    date_modified: date('date_modified'),
  },
};

const ATTRIBUTE_VALUE_SPEC: ListSpec<ApiRecord> = {
  fields: {
    customer_id: field('int', 'customer_id', ['in']),
    attribute_id: field('int', 'attribute_id', ['in']),
    date_created: date('date_created'),
    date_modified: date('date_modified'),
  },
};

const FORM_FIELD_SPEC: ListSpec<ApiRecord> = {
  fields: {
    customer_id: field('int', 'customer_id', ['eq']),
    address_id: field('int', 'address_id', ['eq']),
    field_name: field('string', 'name', ['eq']),
  },
};

const WISHLIST_SPEC: ListSpec<ApiRecord> = { fields: { customer_id: field('int', 'customer_id', ['eq']) } };

/** `links: false` where the spec's pagination has none (wishlists.v3.yml). */
function v3Set(set: FixedSet, spec: ListSpec<ApiRecord>, links = true) {
  return ({ store, req }: RouteCall) =>
    listV3(req.query, { records: store.extras.sets[set] }, spec, { projection: false, links });
}

function v3SetOne(set: FixedSet, what: string) {
  return ({ store, params }: RouteCall) => {
    const found = store.extras.sets[set].find((r) => r.id === params[0]);
    return found ? v3One(found) : v3NotFound(what);
  };
}

/** to_url is sent only when asked for with include=to_url (redirects.v3.yml). */
function redirects(call: RouteCall) {
  const withUrl = (call.req.query.get('include') ?? '').split(',').includes('to_url');
  const records = call.store.extras.sets.redirects.map((r) => {
    if (withUrl) return r;
    const { to_url: _url, ...rest } = r;
    return rest;
  });
  return listV3(call.req.query, { records }, REDIRECT_SPEC, { projection: false });
}

const C = SCOPES.customers;
const CONTENT = SCOPES.content;
const I = SCOPES.information;

export const contentExtraRoutes: Route[] = [
  route('/v2/blog/posts', CONTENT, ({ store, req }) =>
    listV2(req.query, { records: store.extras.sets.blogPosts }, BLOG_SPEC),
  ),
  route('/v2/blog/posts/count', CONTENT, ({ store, req }) =>
    countV2(req.query, { records: store.extras.sets.blogPosts }, BLOG_SPEC),
  ),
  route('/v2/blog/posts/{id}', CONTENT, ({ store, params }) => {
    const found = store.extras.sets.blogPosts.find((r) => r.id === params[0]);
    return found ? v2One(found) : v2NotFound();
  }),
  route('/v2/blog/tags', CONTENT, ({ store }) => v2One(store.extras.sets.blogTags)),
  route('/v3/content/pages', CONTENT, v3Set('pages', PAGE_SPEC)),
  route('/v3/content/pages/{page_id}', CONTENT, v3SetOne('pages', 'page')),
  route('/v3/storefront/redirects', CONTENT, redirects),
  route('/v2/shipping/zones', I, ({ store }) => v2One(store.extras.sets.shippingZones)),
  route('/v2/shipping/zones/{id}', I, ({ store, params }) => {
    const found = store.extras.sets.shippingZones.find((r) => r.id === params[0]);
    return found ? v2One(found) : v2NotFound();
  }),
  route('/v2/shipping/zones/{zone_id}/methods', I, ({ store, params }) => {
    const methods = store.extras.shippingMethods(params[0]);
    return methods ? v2One(methods) : v2NotFound();
  }),
  route('/v3/promotions', SCOPES.marketing, v3Set('promotions', PROMOTION_SPEC)),
  route('/v3/promotions/{id}', SCOPES.marketing, v3SetOne('promotions', 'promotion')),
  route('/v3/store/systemlogs', SCOPES.storeLogs, v3Set('storeLogs', LOG_SPEC)),
  // webhooks.v3.yml names no scope: any token of the app lists its webhooks.
  route('/v3/hooks', null, v3Set('webhooks', HOOK_SPEC)),
  route('/v3/hooks/{webhook_id}', null, v3SetOne('webhooks', 'webhook')),
  route('/v3/customers/subscribers', C, v3Set('subscribers', SUBSCRIBER_SPEC)),
  route('/v3/customers/subscribers/{subscriber_id}', C, v3SetOne('subscribers', 'subscriber')),
  route('/v3/customers/attributes', C, v3Set('customerAttributes', ATTRIBUTE_SPEC)),
  route('/v3/customers/attribute-values', C, v3Set('customerAttributeValues', ATTRIBUTE_VALUE_SPEC)),
  route('/v3/customers/form-field-values', C, v3Set('formFieldValues', FORM_FIELD_SPEC)),
  route('/v3/wishlists', C, v3Set('wishlists', WISHLIST_SPEC, false)),
  route('/v3/wishlists/{wishlist_id}', C, v3SetOne('wishlists', 'wishlist')),
];
