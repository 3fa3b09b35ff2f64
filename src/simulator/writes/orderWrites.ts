/**
 * v2 order writes (orders.v2.oas2.yml): POST an order with its products (catalog products by
 * product_id, or custom ones by name and price) and billing address; PUT to change its status,
 * notes, addresses and other fields; DELETE to archive it — it keeps its id and is served by id
 * with is_deleted true, and lists leave it out unless asked for is_deleted=true. Shipments: POST,
 * PUT and DELETE one; shipping addresses: PUT one.
 */
import type { ApiRecord } from '../api/records/context';
import { v2Url } from '../api/records/context';
import {
  buildOrder,
  orderModel,
  orderProducts,
  orderShipments,
  orderShippingAddresses,
} from '../api/records/orders';
import { ORDER_STATUSES } from '../api/records/settings';
import { v2NotFound, v2One } from '../api/respond';
import type { RouteCall } from '../api/route';
import { editClock } from '../edits';
import { money4, rfc2822 } from '../seed';
import type { SimStore } from '../store';
import type { ApiReply } from '../types';
import { blankLike, knownFields, rows } from './newRecord';

const READ_ONLY = ['date_created', 'date_modified', 'products', 'shipping_addresses', 'coupons', 'status'];
const statusName = (id: number) => ORDER_STATUSES.find((s) => s.id === id)?.name ?? 'Pending';
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const bad = (message: string): ApiReply => ({ status: 400, body: [{ status: 400, message }] });

/** One order line: a catalog product's name, sku and price, or a custom product's own. */
function line(store: SimStore, shape: ApiRecord, orderId: number, row: ApiRecord, id: number): ApiRecord {
  const product = typeof row.product_id === 'number' ? store.product(row.product_id) : undefined;
  const quantity = Number(row.quantity ?? 1);
  const price = cents(row.price_inc_tax ?? row.price_ex_tax ?? product?.calculated_price);
  return {
    ...shape,
    id,
    order_id: orderId,
    product_id: product ? product.id : 0,
    name: String(row.name ?? product?.name ?? ''),
    name_customer: String(row.name_customer ?? row.name ?? product?.name ?? ''),
    name_merchant: String(row.name_merchant ?? row.name ?? product?.name ?? ''),
    sku: String(row.sku ?? product?.sku ?? ''),
    type: product?.type ?? 'physical',
    quantity,
    base_price: money4(price),
    price_ex_tax: money4(price),
    price_inc_tax: money4(price),
    base_total: money4(price * quantity),
    total_ex_tax: money4(price * quantity),
    total_inc_tax: money4(price * quantity),
    discounted_total_inc_tax: money4(price * quantity),
  };
}

function orderTemplate(store: SimStore): ApiRecord {
  return blankLike(buildOrder(store.context, orderModel(store.context, 1)));
}

function lineTemplate(store: SimStore): ApiRecord {
  return blankLike(orderProducts(store.context, orderModel(store.context, 1))[0]);
}

export function postOrder({ store, req }: RouteCall): ApiReply {
  const body = req.body as ApiRecord;
  const items = rows(body.products);
  if (items.length === 0)
    return bad("The field 'products' is required: an order needs at least one product.");
  const missing = items.find((i) => typeof i.product_id === 'number' && !store.has('products', i.product_id));
  if (missing) return bad(`Product ${String(missing.product_id)} does not exist.`);
  const now = rfc2822(editClock());
  const shape = orderTemplate(store);
  const made = store.add('orders', (id) => {
    const link = (sub: string) => ({
      url: v2Url(store.context, `/orders/${id}/${sub}`),
      resource: `/orders/${id}/${sub}`,
    });
    const statusId = Number(body.status_id ?? 1);
    return {
      ...shape,
      ...knownFields(body, shape, READ_ONLY),
      id,
      status_id: statusId,
      status: statusName(statusId),
      custom_status: statusName(statusId),
      date_created: now,
      date_modified: now,
      is_deleted: false,
      currency_code: 'USD',
      default_currency_code: 'USD',
      store_default_currency_code: 'USD',
      products: link('products'),
      shipping_addresses: link('shipping_addresses'),
      coupons: link('coupons'),
    };
  });
  const id = made.id as number;
  const addressShape = blankLike(
    orderShippingAddresses(store.context, orderModel(store.context, 1))[0] ?? {},
  );
  for (const a of rows(body.shipping_addresses)) {
    store.overlay.addChild('order_shipping_addresses', id, (aid) => ({
      ...addressShape,
      ...knownFields(a, addressShape, ['id', 'order_id']),
      id: aid,
      order_id: id,
    }));
  }
  const lineShape = lineTemplate(store);
  const lines = items.map((i) =>
    store.overlay.addChild('order_products', id, (lid) => line(store, lineShape, id, i, lid)),
  );
  const total = lines.reduce((s, l) => s + cents(l.total_inc_tax), 0);
  const totals = ['subtotal_ex_tax', 'subtotal_inc_tax', 'total_ex_tax', 'total_inc_tax'];
  store.overlay.write('orders', id, {
    ...Object.fromEntries(totals.map((k) => [k, money4(total)])),
    items_total: lines.reduce((s, l) => s + Number(l.quantity), 0),
    shipping_address_count: rows(body.shipping_addresses).length,
  });
  return v2One(store.order(id));
}

function archive(store: SimStore, id: number): void {
  store.overlay.write('orders', id, { is_deleted: true, date_modified: rfc2822(editClock()) });
  store.overlay.archivedOrders.add(id);
}

export function putOrder({ store, req, params }: RouteCall): ApiReply {
  const id = params[0];
  const before = store.order(id);
  if (!before) return v2NotFound();
  const body = req.body as ApiRecord;
  const fields = knownFields(body, before, [...READ_ONLY, 'is_deleted']);
  if (typeof fields.status_id === 'number') {
    if (!ORDER_STATUSES.some((s) => s.id === fields.status_id))
      return bad(`Order status ${fields.status_id} does not exist.`);
    fields.status = statusName(fields.status_id);
    fields.custom_status = fields.status;
  }
  if (fields.billing_address)
    fields.billing_address = {
      ...(before.billing_address as ApiRecord),
      ...(fields.billing_address as ApiRecord),
    };
  store.overlay.write('orders', id, { ...fields, date_modified: rfc2822(editClock()) });
  if (body.is_deleted === true) archive(store, id);
  return v2One(store.order(id));
}

export function deleteOrder({ store, params }: RouteCall): ApiReply {
  if (!store.order(params[0])) return v2NotFound();
  archive(store, params[0]);
  return { status: 204 };
}

/** PUT /v2/orders/{id}/shipping_addresses/{id}: the address fields sent, nothing recalculated. */
export function putShippingAddress({ store, req, params }: RouteCall): ApiReply {
  const [oid, aid] = params;
  const current = store.orderChildren(oid, 'shipping_addresses')?.find((a) => a.id === aid);
  if (!current) return v2NotFound();
  store.overlay.writeChild(
    'order_shipping_addresses',
    oid,
    aid,
    knownFields(req.body, current, ['order_id']),
  );
  return v2One(store.orderChildren(oid, 'shipping_addresses')!.find((a) => a.id === aid));
}

/** The fields of `from` that `shape` has: a shipment's addresses are narrower than an order's. */
function sameFields(shape: unknown, from: unknown): ApiRecord {
  const src = (from ?? {}) as ApiRecord;
  return Object.fromEntries(Object.keys((shape ?? {}) as ApiRecord).map((k) => [k, src[k] ?? '']));
}

function shipmentShape(store: SimStore): ApiRecord {
  for (let oid = 1; oid <= 300; oid++) {
    const found = orderShipments(store.context, orderModel(store.context, oid))[0];
    if (found) return blankLike(found);
  }
  throw new Error('no seeded shipment to shape a new one on');
}

export function postShipment({ store, req, params }: RouteCall): ApiReply {
  const oid = params[0];
  const order = store.order(oid);
  if (!order) return v2NotFound();
  const body = req.body as ApiRecord;
  const address = store.orderChildren(oid, 'shipping_addresses')!.find((a) => a.id === body.order_address_id);
  if (!address)
    return bad(
      `The field 'order_address_id' is invalid: order ${oid} has no address ${String(body.order_address_id)}.`,
    );
  const shape = shipmentShape(store);
  const made = store.overlay.addChild('order_shipments', oid, (id) => ({
    ...shape,
    ...knownFields(body, shape, ['order_id', 'date_created']),
    id,
    order_id: oid,
    customer_id: order.customer_id,
    date_created: rfc2822(editClock()),
    merchant_shipping_cost: money4(0),
    billing_address: sameFields(shape.billing_address, order.billing_address),
    shipping_address: sameFields(shape.shipping_address, address),
  }));
  return { ...v2One(made), status: 201 };
}

export function putShipment({ store, req, params }: RouteCall): ApiReply {
  const [oid, sid] = params;
  const current = store.orderChildren(oid, 'shipments')?.find((s) => s.id === sid);
  if (!current) return v2NotFound();
  store.overlay.writeChild(
    'order_shipments',
    oid,
    sid,
    knownFields(req.body, current, ['order_id', 'date_created']),
  );
  return v2One(store.orderChildren(oid, 'shipments')!.find((s) => s.id === sid));
}

export function deleteShipment({ store, params }: RouteCall): ApiReply {
  const [oid, sid] = params;
  if (!store.orderChildren(oid, 'shipments')?.some((s) => s.id === sid)) return v2NotFound();
  store.overlay.deleteChild('order_shipments', oid, sid);
  return { status: 204 };
}
