/**
 * Price list records (price_lists.v3.yml), keyed by variant and currency: PUT upserts a batch of
 * up to 1,000, POST creates up to 100 (an existing record is an error), DELETE removes the
 * records matching variant_id:in / sku:in / currency. Rows that cannot be saved (no such
 * variant, or already there on POST) answer 422 with `batch_errors`; the other rows of the batch
 * are saved all the same, as the spec's "partial update in non-strict mode" describes.
 */
import type { ApiRecord } from '../api/records/context';
import { v3NotFound } from '../api/respond';
import type { RouteCall } from '../api/route';
import { parentFilter } from '../api/childIds';
import { editClock } from '../edits';
import { isoDate } from '../seed';
import type { SimStore } from '../store';
import type { ApiReply } from '../types';
import { variantParent } from './productChildWrites';
import { rows } from './newRecord';

export const PRICE_RECORD_UPSERT_BATCH = 1000;
export const PRICE_RECORD_CREATE_BATCH = 100;
const KIND = 'price_records';
const keyOf = (r: ApiRecord) => `${String(r.variant_id)}|${String(r.currency).toLowerCase()}`;

/** The records of a price list as the store now has them; undefined when the list does not exist. */
export function priceRecordsOf(
  store: SimStore,
  listId: number,
  only?: ReadonlySet<number>,
): ApiRecord[] | undefined {
  if (!store.priceLists.some((l) => l.id === listId)) return undefined;
  const seeded = store.extras.priceListRecords(listId, only) ?? [];
  const all = store.overlay.keyedChildren(KIND, listId, seeded, keyOf);
  return all.filter(
    (r) => store.has('products', r.product_id as number) && (!only || only.has(r.product_id as number)),
  );
}

/** The variant a row names, by variant_id or by sku. */
function variantOf(store: SimStore, row: ApiRecord): ApiRecord | undefined {
  if (typeof row.variant_id === 'number') {
    const pid = variantParent(store, row.variant_id);
    return pid === undefined ? undefined : store.productVariants(pid).find((v) => v.id === row.variant_id);
  }
  if (typeof row.sku !== 'string') return undefined;
  for (const pid of store.ids('products')) {
    const v = store.productVariants(pid).find((x) => x.sku === row.sku);
    if (v) return v;
  }
  return undefined;
}

function saveRows(store: SimStore, listId: number, body: unknown, create: boolean): ApiReply {
  const errors: ApiRecord[] = [];
  const existing = new Set((priceRecordsOf(store, listId) ?? []).map(keyOf));
  for (const row of rows(body)) {
    const variant = variantOf(store, row);
    const ident = { price_list_id: listId, variant_id: row.variant_id, sku: row.sku, currency: row.currency };
    const key = variant ? keyOf({ variant_id: variant.id, currency: row.currency }) : '';
    if (!variant)
      errors.push({ data: ident, field_errors: { variant_id: 'No such variant in the catalog.' } });
    else if (create && existing.has(key)) {
      errors.push({
        data: ident,
        field_errors: { variant_id: 'A record for this variant and currency exists.' },
      });
    } else {
      const now = isoDate(editClock());
      const price = Number(row.price ?? row.sale_price ?? 0);
      store.overlay.putKeyed(KIND, listId, key, {
        price_list_id: listId,
        variant_id: variant.id,
        product_id: variant.product_id,
        sku: variant.sku,
        currency: String(row.currency).toLowerCase(),
        price,
        calculated_price: Number(row.sale_price ?? price),
        date_created: now,
        date_modified: now,
        bulk_pricing_tiers: row.bulk_pricing_tiers ?? [],
      });
      existing.add(key);
    }
  }
  if (errors.length > 0) return { status: 422, body: { batch_errors: errors } };
  return { status: 200, body: { data: {}, meta: {} } };
}

export function putPriceRecords({ store, req, params }: RouteCall): ApiReply {
  if (!priceRecordsOf(store, params[0], new Set())) return v3NotFound('price list');
  return saveRows(store, params[0], req.body, false);
}

export function postPriceRecords({ store, req, params }: RouteCall): ApiReply {
  if (!priceRecordsOf(store, params[0], new Set())) return v3NotFound('price list');
  return saveRows(store, params[0], req.body, true);
}

export function deletePriceRecords({ store, req, params }: RouteCall): ApiReply {
  const listId = params[0];
  const records = priceRecordsOf(store, listId);
  if (!records) return v3NotFound('price list');
  const variants = parentFilter(req.query, 'variant_id:in');
  const skus = req.query.get('sku:in')?.split(',');
  const currency = req.query.get('currency')?.toLowerCase();
  for (const r of records) {
    if (variants && !variants.has(r.variant_id as number)) continue;
    if (skus && !skus.includes(String(r.sku))) continue;
    if (currency && r.currency !== currency) continue;
    store.overlay.putKeyed(KIND, listId, keyOf(r), null);
  }
  return { status: 204 };
}

/** DELETE …/records/{variant_id}/{currency_code}: one record, 404 when the list has none such. */
export function deletePriceRecord({ store, req, params }: RouteCall): ApiReply {
  const [listId, variantId] = params;
  // Route params are numbers; the currency code is the path's last segment.
  const currency = req.path.slice(req.path.lastIndexOf('/') + 1);
  const key = keyOf({ variant_id: variantId, currency });
  const record = (priceRecordsOf(store, listId) ?? []).find((r) => keyOf(r) === key);
  if (!record) return v3NotFound('price record');
  store.overlay.putKeyed(KIND, listId, key, null);
  return { status: 204 };
}
