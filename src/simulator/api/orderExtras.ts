/**
 * More order endpoints: v2 messages (with the filters orders.v2.oas2.yml lists), taxes and
 * consignments; v3 transactions and refunds (orders.v3.yml: refunds store-wide filtered by id:in,
 * order_id:in, created:min/max); v2 gift certificates (marketing.v2.yml) and payment methods
 * (methods_payments.v2.yml).
 */
import type { ApiRecord } from '../store';
import { listV2, listV3, pageV2 } from './lists';
import { dateMs, type FieldDef, type ListSpec, rfcMs, aliasOnly } from './query';
import { v2NotFound, v2One, v3List, v3NotFound, v3One } from './respond';
import { route, SCOPES, type Route, type RouteCall } from './route';

const f = (name: string) => (r: ApiRecord) => r[name];
const eq = (type: FieldDef<ApiRecord>['type'], name: string): FieldDef<ApiRecord> => ({
  type,
  get: f(name),
  ops: ['eq'],
});

const MESSAGE_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: aliasOnly('int', f('id')),
    date_created: aliasOnly('date', rfcMs('date_created')),
    customer_id: eq('int', 'customer_id'),
    is_flagged: eq('bool', 'is_flagged'),
    status: eq('string', 'status'),
  },
  aliases: {
    min_id: ['id', 'min'],
    max_id: ['id', 'max'],
    min_date_created: ['date_created', 'min'],
    max_date_created: ['date_created', 'max'],
  },
};

const REFUND_SPEC: ListSpec<ApiRecord> = {
  idField: 'id',
  fields: {
    id: { type: 'int', get: f('id'), ops: ['in'] },
    order_id: { type: 'int', get: f('order_id'), ops: ['in'] },
    created: { type: 'date', get: (r) => dateMs(r.created), ops: ['min', 'max'] },
  },
};

const GIFT_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: aliasOnly('int', f('id')),
    code: eq('string', 'code'),
    order_id: eq('int', 'order_id'),
    to_name: eq('string', 'to_name'),
    to_email: eq('string', 'to_email'),
    from_name: eq('string', 'from_name'),
    from_email: eq('string', 'from_email'),
  },
  aliases: { min_id: ['id', 'min'], max_id: ['id', 'max'] },
};

function messages({ store, req, params }: RouteCall) {
  const records = store.extras.orderChildren('messages', params[0]);
  return records ? listV2(req.query, { records }, MESSAGE_SPEC) : v2NotFound();
}

function taxes({ store, req, params }: RouteCall) {
  const records = store.extras.orderChildren('taxes', params[0]);
  return records ? pageV2(req.query, records) : v2NotFound();
}

/** No paging parameters in the spec: every transaction of the order in one page. */
function transactions({ store, params }: RouteCall) {
  const items = store.extras.orderChildren('transactions', params[0]);
  if (!items) return v3NotFound('order');
  return v3List({ total: items.length, items }, { page: 1, limit: Math.max(1, items.length) });
}

function refunds({ store, req }: RouteCall) {
  const source = { ids: store.extras.refundIds(), build: (id: number) => store.extras.refund(id)! };
  return listV3(req.query, source, REFUND_SPEC, { projection: false });
}

const O = SCOPES.orders;

export const orderExtraRoutes: Route[] = [
  route('/v2/orders/{order_id}/messages', O, messages),
  route('/v2/orders/{order_id}/taxes', O, taxes),
  route('/v2/orders/{order_id}/consignments', O, ({ store, params }) => {
    const c = store.extras.consignments(params[0]);
    return c ? v2One(c) : v2NotFound();
  }),
  route(
    '/v2/orders/{order_id}/shipping_addresses/{shipping_address_id}/shipping_quotes',
    O,
    ({ store, params }) => {
      const quote = store.extras.shippingQuote(params[0], params[1]);
      if (quote === undefined) return v2NotFound();
      // The spec: orders made in the control panel or through the API have no quote, and answer 204.
      return quote === null ? { status: 204 } : v2One(quote);
    },
  ),
  {
    // The token is a UUID, not an integer id: the handler reads it from the path.
    pattern: /^\/v3\/abandoned-carts\/([0-9A-Za-z-]+)$/,
    scope: SCOPES.information,
    get: ({ store, req }) => {
      const token = decodeURIComponent(req.path.slice(req.path.lastIndexOf('/') + 1));
      const cart = token === 'settings' ? undefined : store.extras.abandonedCart(token);
      return cart ? v3One(cart) : v3NotFound('abandoned cart');
    },
  },
  route('/v3/orders/{order_id}/transactions', SCOPES.transactions, transactions),
  route('/v3/orders/payment_actions/refunds', O, refunds),
  route('/v2/gift_certificates', SCOPES.marketing, ({ store, req }) =>
    listV2(req.query, { records: store.extras.giftCertificates }, GIFT_SPEC),
  ),
  route('/v2/gift_certificates/{id}', SCOPES.marketing, ({ store, params }) => {
    const g = store.extras.giftCertificates.find((r) => r.id === params[0]);
    return g ? v2One(g) : v2NotFound();
  }),
  route('/v2/payments/methods', SCOPES.paymentMethods, ({ store, req }) =>
    listV2(req.query, { records: store.extras.paymentMethods }, { fields: {} }),
  ),
];
