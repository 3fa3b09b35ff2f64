/**
 * Writes to a product's variants, images and custom fields (product-variants_catalog.v3.yml,
 * products_catalog.v3.yml): POST one, PUT one, DELETE one under /products/{id}/…, and PUT a batch
 * of up to 50 variants by id at /v3/catalog/variants. A product created with POST gets the
 * variants, images and custom fields its body lists, or one base variant when it lists none.
 */
import { MAX_VARIANTS, productCustomFields, productImages, productVariants } from '../api/records/products';
import type { ApiRecord } from '../api/records/context';
import { v3NotFound, v3One } from '../api/respond';
import type { RouteCall } from '../api/route';
import { editClock } from '../edits';
import { isoDate } from '../seed';
import type { SimStore } from '../store';
import type { ApiReply } from '../types';
import { blankLike, knownFields, rows } from './newRecord';
import { batchReply, v3Fail, type RowFailure } from './replies';

export type ProductChild = 'variants' | 'images' | 'custom_fields';
export const VARIANT_BATCH = 50;

const SEEDED = {
  variants: productVariants,
  images: productImages,
  custom_fields: productCustomFields,
};
const WHAT: Record<ProductChild, string> = {
  variants: 'variant',
  images: 'image',
  custom_fields: 'custom field',
};
const READ_ONLY = ['product_id', 'calculated_price', 'calculated_weight', 'date_modified', 'url_zoom'];

/** A seeded child of this kind, emptied: the shape new ones take. */
function template(store: SimStore, kind: ProductChild): ApiRecord {
  for (let pid = 1; pid <= 200; pid++) {
    const found = SEEDED[kind](store.context, pid)[0];
    if (found) return blankLike(found);
  }
  throw new Error(`no seeded ${kind} to shape a new one on`);
}

function listOf(store: SimStore, kind: ProductChild, pid: number): ApiRecord[] {
  if (kind === 'variants') return store.productVariants(pid);
  return kind === 'images' ? store.productImages(pid) : store.productCustomFields(pid);
}

/** Fields a new or changed child derives from what was sent. */
function derived(store: SimStore, kind: ProductChild, pid: number, child: ApiRecord): ApiRecord {
  const now = isoDate(editClock());
  if (kind === 'images') {
    const url = String(child.image_url ?? '');
    return { url_zoom: url, url_standard: url, url_thumbnail: url, url_tiny: url, date_modified: now };
  }
  if (kind === 'variants') {
    const product = store.product(pid)!;
    return {
      calculated_price: child.price ?? product.calculated_price,
      calculated_weight: child.weight ?? product.weight,
    };
  }
  return {};
}

function addChild(store: SimStore, kind: ProductChild, pid: number, body: ApiRecord): ApiRecord {
  const shape = template(store, kind);
  const fields = knownFields(body, shape, READ_ONLY);
  return store.overlay.addChild(kind, pid, (id) => {
    const base: ApiRecord = { ...shape, ...(kind === 'variants' ? { price: null, sku_id: null } : {}) };
    const child: ApiRecord = {
      ...base,
      ...fields,
      id,
      ...('product_id' in shape ? { product_id: pid } : {}),
    };
    return { ...child, ...derived(store, kind, pid, child) };
  });
}

function updateChild(
  store: SimStore,
  kind: ProductChild,
  pid: number,
  id: number,
  body: ApiRecord,
): ApiRecord {
  const before = listOf(store, kind, pid).find((c) => c.id === id)!;
  const fields = knownFields(body, template(store, kind), READ_ONLY);
  const after = { ...before, ...fields };
  store.overlay.writeChild(kind, pid, id, { ...fields, ...derived(store, kind, pid, after) });
  return listOf(store, kind, pid).find((c) => c.id === id)!;
}

/** The children a POST /v3/catalog/products body lists; returns the base variant's id. */
export function addProductChildren(store: SimStore, pid: number, body: ApiRecord): number {
  const product = store.product(pid)!;
  const variants = rows(body.variants);
  const base = { sku: product.sku, weight: product.weight, option_values: [] };
  const made = (variants.length > 0 ? variants : [base]).map((v) => addChild(store, 'variants', pid, v));
  for (const image of rows(body.images)) addChild(store, 'images', pid, image);
  for (const field of rows(body.custom_fields)) addChild(store, 'custom_fields', pid, field);
  return made[0].id as number;
}

export function postChild(kind: ProductChild) {
  return ({ store, req, params }: RouteCall): ApiReply => {
    if (!store.has('products', params[0])) return v3NotFound('product');
    return v3One(addChild(store, kind, params[0], req.body as ApiRecord));
  };
}

export function putChild(kind: ProductChild) {
  return ({ store, req, params }: RouteCall): ApiReply => {
    const [pid, id] = params;
    if (!store.has('products', pid)) return v3NotFound('product');
    if (!listOf(store, kind, pid).some((c) => c.id === id)) return v3NotFound(WHAT[kind]);
    return v3One(updateChild(store, kind, pid, id, req.body as ApiRecord));
  };
}

export function deleteChild(kind: ProductChild) {
  return ({ store, params }: RouteCall): ApiReply => {
    const [pid, id] = params;
    if (!store.has('products', pid)) return v3NotFound('product');
    const children = listOf(store, kind, pid);
    if (!children.some((c) => c.id === id)) return v3NotFound(WHAT[kind]);
    if (kind === 'variants' && children.length === 1) {
      return v3Fail(422, 'A product must keep at least one variant; delete the product instead.');
    }
    store.overlay.deleteChild(kind, pid, id);
    return { status: 204 };
  };
}

/** The product a variant belongs to: created ones are looked up, seeded ids encode it. */
export function variantParent(store: SimStore, vid: number): number | undefined {
  const pid = store.overlay.parentOf('variants', vid) ?? Math.floor((vid - 1) / MAX_VARIANTS) + 1;
  return store.has('products', pid) && store.productVariants(pid).some((v) => v.id === vid) ? pid : undefined;
}

export function putVariants({ store, req }: RouteCall): ApiReply {
  const data: ApiRecord[] = [];
  const failures: RowFailure[] = [];
  rows(req.body).forEach((row, index) => {
    const id = row.id;
    const pid = typeof id === 'number' ? variantParent(store, id) : undefined;
    if (typeof id !== 'number')
      failures.push({ index, status: 422, title: 'id is required to update a variant.' });
    else if (pid === undefined) failures.push({ index, status: 404, title: `Variant ${id} was not found.` });
    else data.push(updateChild(store, 'variants', pid, id, row));
  });
  return batchReply(data, failures, 'variants');
}
