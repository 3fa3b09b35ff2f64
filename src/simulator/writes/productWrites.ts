/**
 * Product writes (products_catalog.v3.yml): POST one product (with its variants, images and
 * custom fields), PUT a batch of up to 10 by id, PUT one, DELETE by `id:in` (up to 250) or one.
 * A row fails on its own — 404 for an unknown id, 409 for a duplicate name or a brand or category
 * that does not exist — and the rows beside it are still applied (207).
 */
import { buildProduct } from '../api/records/products';
import type { ApiRecord } from '../api/records/context';
import { v3NotFound, v3One } from '../api/respond';
import type { RouteCall } from '../api/route';
import { editClock } from '../edits';
import { isoDate, slugify } from '../seed';
import type { SimStore } from '../store';
import type { ApiReply } from '../types';
import { blankLike, idsParam, knownFields, rows } from './newRecord';
import { reindex, takenBy } from './uniqueIndex';
import { addProductChildren } from './productChildWrites';
import { batchReply, batchTooLarge, v3Fail, type RowFailure } from './replies';

const READ_ONLY = ['date_created', 'date_modified', 'calculated_price', 'base_variant_id'];
export const PRODUCT_BATCH = 10;
export const PRODUCT_DELETE_BATCH = 250;

const templates = new WeakMap<SimStore, ApiRecord>();
/** A seeded product: which fields a product has (built once per store). */
function template(store: SimStore): ApiRecord {
  let t = templates.get(store);
  if (!t) templates.set(store, (t = buildProduct(store.context, 1)));
  return t;
}

/** Why this row cannot be saved (status, title), or undefined. */
function conflict(store: SimStore, row: ApiRecord, self?: number): [number, string] | undefined {
  if (typeof row.name === 'string' && takenBy(store, 'products', 'name', row.name, self) !== undefined) {
    return [409, `The product name "${row.name}" is a duplicate; product names must be unique.`];
  }
  const brand = row.brand_id;
  if (typeof brand === 'number' && brand !== 0 && !store.brands.some((b) => b.id === brand)) {
    return [409, `Brand ${brand} does not exist.`];
  }
  const missing = ((row.categories as number[] | undefined) ?? []).find(
    (c) => !store.categories.some((k) => k.id === c),
  );
  if (missing !== undefined) return [409, `Category ${missing} does not exist.`];
  return undefined;
}

function calculatedPrice(p: ApiRecord): number {
  const sale = Number(p.sale_price ?? 0);
  return sale > 0 ? sale : Number(p.price ?? 0);
}

/** Applies `row` to product `id`; variants that inherit the product's price follow it. */
function update(store: SimStore, id: number, row: ApiRecord): ApiRecord {
  const before = store.product(id)!;
  const fields = knownFields(row, template(store), READ_ONLY);
  const after = { ...before, ...fields };
  const changes = {
    ...fields,
    calculated_price: calculatedPrice(after),
    date_modified: isoDate(editClock()),
  };
  store.overlay.write('products', id, changes);
  if (fields.name !== undefined) reindex(store, 'products', 'name', id, before.name, fields.name);
  if (changes.calculated_price !== before.calculated_price) {
    for (const v of store.productVariants(id)) {
      if (v.price === null) {
        store.overlay.writeChild('variants', id, v.id as number, {
          calculated_price: changes.calculated_price,
        });
      }
    }
  }
  return store.product(id)!;
}

function create(store: SimStore, body: ApiRecord): ApiRecord {
  const shape = template(store);
  const now = isoDate(editClock());
  const name = String(body.name);
  const fields = knownFields(body, shape, READ_ONLY);
  const made = store.add('products', (id) => {
    const p: ApiRecord = {
      ...blankLike(shape),
      is_visible: true,
      availability: 'available',
      inventory_tracking: 'none',
      condition: 'New',
      layout_file: 'product.html',
      open_graph_type: 'product',
      related_products: [-1],
      gift_wrapping_options_type: 'any',
      preorder_release_date: null,
      ...fields,
      id,
      date_created: now,
      date_modified: now,
      custom_url: fields.custom_url ?? { url: `/${slugify(name)}/`, is_customized: false },
    };
    return { ...p, calculated_price: calculatedPrice(p) };
  });
  const id = made.id as number;
  reindex(store, 'products', 'name', id, undefined, name);
  const base = addProductChildren(store, id, body);
  store.overlay.write('products', id, { base_variant_id: base });
  return store.product(id)!;
}

export function postProduct({ store, req }: RouteCall): ApiReply {
  const body = req.body as ApiRecord;
  const bad = conflict(store, body);
  if (bad) return v3Fail(bad[0], bad[1]);
  return v3One(create(store, body));
}

export function putProducts({ store, req }: RouteCall): ApiReply {
  const data: ApiRecord[] = [];
  const failures: RowFailure[] = [];
  rows(req.body).forEach((row, index) => {
    const id = row.id as number;
    if (!store.has('products', id)) {
      failures.push({ index, status: 404, title: `Product ${id} was not found.` });
      return;
    }
    const bad = conflict(store, row, id);
    if (bad) failures.push({ index, status: bad[0], title: bad[1] });
    else data.push(update(store, id, row));
  });
  return batchReply(data, failures, 'products');
}

export function putProduct({ store, req, params }: RouteCall): ApiReply {
  const id = params[0];
  if (!store.has('products', id)) return v3NotFound('product');
  const bad = conflict(store, req.body as ApiRecord, id);
  if (bad) return v3Fail(bad[0], bad[1]);
  return v3One(update(store, id, req.body as ApiRecord));
}

function remove(store: SimStore, id: number): void {
  const name = store.product(id)?.name;
  if (store.remove('products', id) && name !== undefined)
    reindex(store, 'products', 'name', id, name, undefined);
}

export function deleteProducts({ store, req }: RouteCall): ApiReply {
  const ids = idsParam(req.query);
  if (ids === undefined || ids.length === 0) {
    return v3Fail(422, 'A filter is required to delete products (for example ?id:in=1,2,3).');
  }
  if (ids.length > PRODUCT_DELETE_BATCH) return batchTooLarge(PRODUCT_DELETE_BATCH);
  for (const id of ids) remove(store, id);
  return { status: 204 };
}

export function deleteProduct({ store, params }: RouteCall): ApiReply {
  if (!store.has('products', params[0])) return v3NotFound('product');
  remove(store, params[0]);
  return { status: 204 };
}
