/**
 * Store-level endpoints: v2 store information, time, currencies, tax classes and coupons; v3
 * channels and price lists. Filters as channels.v3.yml, price_lists.v3.yml and marketing.v2.yml
 * list them.
 */
import type { ApiRecord } from '../store';
import { countV2, listV2, listV3 } from './lists';
import { dateMs, type FieldDef, type ListSpec } from './query';
import { channelCurrencies } from './records/settings';
import { v2NotFound, v2One, v3NotFound, v3One } from './respond';
import { route, SCOPES, type Route, type RouteCall } from './route';

const f = (name: string) => (r: ApiRecord) => r[name];
const isoDate = (name: string): FieldDef<ApiRecord> => ({
  type: 'date',
  get: (r) => dateMs(r[name]),
  ops: ['eq', 'min', 'max'],
});

/** channels.v3.yml: available=true means prelaunch, active, inactive or connected. */
const AVAILABLE = ['prelaunch', 'active', 'inactive', 'connected'];

const CHANNEL_SPEC: ListSpec<ApiRecord> = {
  fields: {
    available: { type: 'bool', get: (r) => AVAILABLE.includes(r.status as string), ops: ['eq'] },
    status: { type: 'string', get: f('status'), ops: ['in'] },
    type: { type: 'string', get: f('type'), ops: ['in'] },
    platform: { type: 'string', get: f('platform'), ops: ['in'] },
    date_created: isoDate('date_created'),
    date_modified: isoDate('date_modified'),
  },
};

function withCurrencies(req: RouteCall['req']) {
  const wanted = (req.query.get('include') ?? '').split(',').includes('currencies');
  return wanted ? (r: ApiRecord) => ({ ...r, currencies: channelCurrencies(r.id as number) }) : undefined;
}

const PRICE_LIST_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: { type: 'int', get: f('id'), ops: ['in'] },
    name: { type: 'string', get: f('name'), ops: ['eq', 'like'] },
    date_created: isoDate('date_created'),
    date_modified: isoDate('date_modified'),
  },
};

const COUPON_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: { type: 'int', get: f('id'), ops: ['eq'] },
    code: { type: 'string', get: f('code'), ops: ['eq'] },
    name: { type: 'string', get: f('name'), ops: ['eq'] },
    type: { type: 'string', get: f('type'), ops: ['eq'] },
    exclude_type: { type: 'string', get: f('type'), ops: ['eq'], custom: (r, raw) => r.type !== raw.trim() },
  },
  aliases: { min_id: ['id', 'min'], max_id: ['id', 'max'] },
};

function one(pick: (store: RouteCall['store']) => readonly ApiRecord[], v: 'v2' | 'v3', what: string) {
  return ({ store, params }: RouteCall) => {
    const found = pick(store).find((r) => Number(r.id) === params[0]);
    if (v === 'v2') return found ? v2One(found) : v2NotFound();
    return found ? v3One(found) : v3NotFound(what);
  };
}

const I = SCOPES.information;

export const settingsRoutes: Route[] = [
  route('/v2/store', I, ({ store }) => v2One(store.storeInfo)),
  route('/v2/time', I, () => v2One({ time: Math.floor(Date.now() / 1000) })),
  route('/v2/currencies', I, ({ store, req }) =>
    listV2(req.query, { records: store.currencies }, { fields: {} }),
  ),
  route(
    '/v2/currencies/{id}',
    I,
    one((s) => s.currencies, 'v2', 'currency'),
  ),
  route('/v2/tax_classes', I, ({ store, req }) =>
    listV2(req.query, { records: store.taxClasses }, { fields: {} }),
  ),
  route(
    '/v2/tax_classes/{id}',
    I,
    one((s) => s.taxClasses, 'v2', 'tax class'),
  ),
  route('/v2/coupons', SCOPES.marketing, ({ store, req }) =>
    listV2(req.query, { records: store.coupons }, COUPON_SPEC),
  ),
  route('/v2/coupons/count', SCOPES.marketing, ({ store, req }) =>
    countV2(req.query, { records: store.coupons }, COUPON_SPEC),
  ),
  route('/v3/channels', SCOPES.channels, ({ store, req }) =>
    listV3(req.query, { records: store.channels }, CHANNEL_SPEC, {
      decorate: withCurrencies(req),
      projection: false,
    }),
  ),
  route('/v3/channels/{channel_id}', SCOPES.channels, ({ store, req, params }) => {
    const found = store.channels.find((r) => r.id === params[0]);
    if (!found) return v3NotFound('channel');
    return v3One(withCurrencies(req)?.(found) ?? found);
  }),
  route('/v3/pricelists', SCOPES.products, ({ store, req }) =>
    listV3(req.query, { records: store.priceLists }, PRICE_LIST_SPEC, { projection: false, links: false }),
  ),
  route(
    '/v3/pricelists/{price_list_id}',
    SCOPES.products,
    one((s) => s.priceLists, 'v3', 'price list'),
  ),
];
