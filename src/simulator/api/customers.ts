/**
 * Customer endpoints: v3 customers and addresses (customers.v3.yml) and v2 customer groups
 * (customers.v2.yml), with the filters those specs list.
 */
import type { ApiRecord } from '../store';
import { childIds, parentFilter, parentOfChild, withWrittenChildren } from './childIds';
import { countV2, listV2, listV3 } from './lists';
import { byField, dateMs, includeSet, type FieldDef, type ListSpec } from './query';
import { customerBasics, customerWithIncludes, MAX_ADDRESSES } from './records/customers';
import { v2NotFound, v2One } from './respond';
import { route, SCOPES, type Route, type RouteCall } from './route';

const f = (name: string) => (r: ApiRecord) => r[name];
const id = (r: ApiRecord) => r.id as number;
const fullName = (r: ApiRecord) => `${r.first_name} ${r.last_name}`;
const isoDate = (name: string): FieldDef<ApiRecord> => ({
  type: 'date',
  get: (r) => dateMs(r[name]),
  ops: ['eq', 'min', 'max'],
});

const CUSTOMER_INCLUDES = [
  'addresses',
  'storecredit',
  'attributes',
  'formfields',
  'shopper_profile_id',
  'segment_ids',
];

const CUSTOMER_SPEC: ListSpec<ApiRecord> = {
  idField: 'id',
  fields: {
    id: { type: 'int', get: f('id'), ops: ['in'] },
    company: { type: 'string', get: f('company'), ops: ['in'] },
    customer_group_id: { type: 'int', get: f('customer_group_id'), ops: ['in'] },
    date_created: isoDate('date_created'),
    date_modified: isoDate('date_modified'),
    email: { type: 'string', get: f('email'), ops: ['in'] },
    name: { type: 'string', get: fullName, ops: ['in', 'like'], likeList: true },
    phone: { type: 'string', get: f('phone'), ops: ['in'] },
    registration_ip_address: { type: 'string', get: f('registration_ip_address'), ops: ['in'] },
  },
};

/** customers.v3.yml sort values: date_created|last_name|date_modified, each :asc or :desc. */
function customerSort(raw: string | null) {
  const m = /^(date_created|last_name|date_modified):(asc|desc)$/.exec(raw ?? '');
  if (!m) return undefined;
  const get = m[1] === 'last_name' ? f('last_name') : (r: ApiRecord) => dateMs(r[m[1]]);
  return byField(get, m[2] === 'desc', id);
}

function listCustomers({ store, req }: RouteCall) {
  const include = includeSet(req.query, CUSTOMER_INCLUDES);
  return listV3(
    req.query,
    {
      ids: store.ids('customers'),
      build: (cid) => store.customer(cid)!,
      byId: { date_modified: (cid: number) => store.modifiedMs('customers', cid) },
    },
    CUSTOMER_SPEC,
    {
      sort: customerSort(req.query.get('sort')),
      decorate: include.size > 0 ? (r) => customerWithIncludes(store.context, r, include) : undefined,
      projection: false,
    },
  );
}

const ADDRESS_SPEC: ListSpec<ApiRecord> = {
  idField: 'id',
  fields: {
    id: { type: 'int', get: f('id'), ops: ['in'] },
    company: { type: 'string', get: f('company'), ops: ['in'] },
    name: { type: 'string', get: fullName, ops: ['in'] },
    customer_id: { type: 'int', get: f('customer_id'), ops: ['in'] },
  },
};

/** Address ids encode their customer ((cid-1)*2+k+1): a page never builds every customer. */
function listAddresses({ store, req }: RouteCall) {
  const q = req.query;
  const only = parentFilter(q, 'customer_id:in');
  const seeded = childIds(
    store,
    'addresses',
    store.ids('customers'),
    (cid) => customerBasics(store.context, cid).addressCount,
    MAX_ADDRESSES,
    only,
  );
  const ids = withWrittenChildren(store, 'addresses', 'customers', seeded, MAX_ADDRESSES, only);
  const build = (aid: number) =>
    store.customerAddresses(parentOfChild(store, 'addresses', aid, MAX_ADDRESSES)).find((a) => a.id === aid)!;
  const formfields = includeSet(q, ['formfields']).size > 0;
  return listV3(q, { ids, build }, ADDRESS_SPEC, {
    decorate: formfields ? (r) => ({ ...r, form_fields: [] }) : undefined,
    projection: false,
  });
}

/** customer group dates are "2023-07-17 06:30:41" (UTC), as customers.v2.yml's example. */
const sqlDateMs = (v: unknown) => (typeof v === 'string' ? Date.parse(`${v.replace(' ', 'T')}Z`) : NaN);

const GROUP_SPEC: ListSpec<ApiRecord> = {
  fields: {
    name: { type: 'string', get: f('name'), ops: ['eq', 'like'] },
    is_default: { type: 'bool', get: f('is_default'), ops: ['eq'] },
    date_created: { type: 'date', get: (r) => sqlDateMs(r.date_created), ops: ['eq', 'min', 'max'] },
    date_modified: { type: 'date', get: (r) => sqlDateMs(r.date_modified), ops: ['eq', 'min', 'max'] },
    is_group_for_guests: { type: 'bool', get: f('is_group_for_guests'), ops: ['eq'] },
  },
};

const C = SCOPES.customers;

export const customerRoutes: Route[] = [
  route('/v3/customers', C, listCustomers),
  route('/v3/customers/addresses', C, listAddresses),
  route('/v2/customer_groups', C, ({ store, req }) =>
    listV2(req.query, { records: store.customerGroups }, GROUP_SPEC),
  ),
  route('/v2/customer_groups/count', C, ({ store, req }) =>
    countV2(req.query, { records: store.customerGroups }, GROUP_SPEC),
  ),
  route('/v2/customer_groups/{customer_group_id}', C, ({ store, params }) => {
    const g = store.customerGroups.find((r) => r.id === params[0]);
    return g ? v2One(g) : v2NotFound();
  }),
];
