/**
 * Catalog endpoints (v3): products and their sub-resources, variants, brands, categories and
 * category trees. Filters are the ones each endpoint's spec lists (products_catalog.v3.yml,
 * product-variants_catalog.v3.yml, brands_catalog.v3.yml, categories_catalog.v3.yml,
 * category-trees_catalog.v3.yml), plus price:min/max/greater/less, which BigCommerce's
 * "Filtering" page uses as its example.
 */
import type { ApiRecord } from '../store';
import { BRAND_NAMES } from '../seed';
import { childIds, parentFilter, parentOfChild, withWrittenChildren } from './childIds';
import { listV3 } from './lists';
import { byField, dateMs, includeSet, projectFields, type FieldDef, type ListSpec, type Op } from './query';
import {
  MAX_VARIANTS,
  PRODUCT_INCLUDES,
  productChannels,
  variantCountOf,
  withIncludes,
} from './records/products';
import { v3NotFound, v3One } from './respond';
import { route, SCOPES, type Route, type RouteCall } from './route';

const ALL: readonly Op[] = ['eq', 'in', 'not_in', 'min', 'max', 'greater', 'less'];
const RANGE: readonly Op[] = ['eq', 'min', 'max', 'greater', 'less'];

const int = (get: (r: ApiRecord) => unknown, ops: readonly Op[] = ['eq']): FieldDef<ApiRecord> => ({
  type: 'int',
  get,
  ops,
});
const num = (get: (r: ApiRecord) => unknown, ops: readonly Op[] = ['eq']): FieldDef<ApiRecord> => ({
  type: 'number',
  get,
  ops,
});
const str = (get: (r: ApiRecord) => unknown, ops: readonly Op[] = ['eq']): FieldDef<ApiRecord> => ({
  type: 'string',
  get,
  ops,
});
const bool = (get: (r: ApiRecord) => unknown): FieldDef<ApiRecord> => ({ type: 'bool', get, ops: ['eq'] });
const date = (
  get: (r: ApiRecord) => unknown,
  ops: readonly Op[] = ['eq', 'min', 'max'],
): FieldDef<ApiRecord> => ({
  type: 'date',
  get: (r) => dateMs(get(r)),
  ops,
});
const f = (name: string) => (r: ApiRecord) => r[name];
const id = (r: ApiRecord) => r.id as number;

/** `flag=1` applies the condition; `flag=0` (or anything else) leaves the list alone. */
const flag = (test: (r: ApiRecord) => boolean): FieldDef<ApiRecord> => ({
  type: 'bool',
  get: () => true,
  ops: ['eq'],
  custom: (r, raw) => !['1', 'true'].includes(raw.trim().toLowerCase()) || test(r),
});

const contains = (haystack: unknown[], needle: string) =>
  haystack.some((h) =>
    String(h ?? '')
      .toLowerCase()
      .includes(needle.trim().toLowerCase()),
  );

const PRODUCT_SPEC: ListSpec<ApiRecord> = {
  idField: 'id',
  fields: {
    id: int(f('id'), ALL),
    channel_id: { type: 'intArray', get: (r) => productChannels(id(r)), ops: ['in'] },
    categories: { type: 'intArray', get: f('categories'), ops: ['eq', 'in'] },
    name: str(f('name')),
    mpn: str(f('mpn')),
    upc: str(f('upc')),
    price: num(f('price'), RANGE),
    weight: num(f('weight')),
    condition: str(f('condition')),
    brand_id: int(f('brand_id')),
    date_modified: date(f('date_modified')),
    date_last_imported: date(f('date_last_imported'), ['eq', 'not', 'min', 'max']),
    is_visible: bool(f('is_visible')),
    is_featured: bool(f('is_featured')),
    is_free_shipping: bool(f('is_free_shipping')),
    inventory_level: int(f('inventory_level'), ALL),
    inventory_low: flag(
      (r) =>
        r.inventory_tracking !== 'none' &&
        (r.inventory_warning_level as number) > 0 &&
        (r.inventory_level as number) <= (r.inventory_warning_level as number),
    ),
    out_of_stock: flag((r) => r.inventory_tracking !== 'none' && r.inventory_level === 0),
    total_sold: int(f('total_sold')),
    type: str(f('type')),
    keyword: {
      type: 'string',
      get: f('name'),
      ops: ['eq'],
      custom: (r, raw) =>
        contains([r.name, r.sku, r.description, BRAND_NAMES[(r.brand_id as number) - 1]], raw),
    },
    availability: str(f('availability')),
    sku: str(f('sku'), ['eq', 'in']),
  },
};

const PRODUCT_SORTS = [
  'id',
  'name',
  'sku',
  'price',
  'date_modified',
  'date_last_imported',
  'inventory_level',
  'is_visible',
  'total_sold',
  'calculated_price',
];

function listProducts({ store, req }: RouteCall) {
  const q = req.query;
  const include = includeSet(q, PRODUCT_INCLUDES);
  const sortField = PRODUCT_SORTS.includes(q.get('sort') ?? '') ? q.get('sort')! : 'id';
  const desc = q.get('direction')?.toLowerCase() === 'desc';
  let ids = store.ids('products');
  let sort;
  if (sortField === 'id') {
    if (desc) ids = [...ids].reverse();
  } else {
    const get = sortField.startsWith('date_') ? (r: ApiRecord) => dateMs(r[sortField]) : f(sortField);
    sort = byField(get, desc, id);
  }
  const byId = { date_modified: (pid: number) => store.modifiedMs('products', pid) };
  return listV3(q, { ids, build: (pid) => store.product(pid)!, byId }, PRODUCT_SPEC, {
    sort,
    decorate: include.size > 0 ? (r) => withIncludes(store.context, r, include) : undefined,
    keep: [...include],
  });
}

function getProduct({ store, req, params }: RouteCall) {
  const include = includeSet(req.query, PRODUCT_INCLUDES);
  const product = store.product(params[0], include);
  return product ? v3One(projectFields(product, req.query, [...include])) : v3NotFound('product');
}

/** A product's sub-resource list; 404 when the product does not exist. */
function productChildren(kind: 'variants' | 'images' | 'custom_fields' | 'options') {
  return ({ store, req, params }: RouteCall) => {
    const pid = params[0];
    if (!store.has('products', pid)) return v3NotFound('product');
    return listV3(req.query, { records: children(store, kind, pid) }, { fields: {} });
  };
}

function productChild(kind: 'variants' | 'images' | 'custom_fields' | 'options', what: string) {
  return ({ store, req, params }: RouteCall) => {
    const [pid, childId] = params;
    if (!store.has('products', pid)) return v3NotFound('product');
    const child = children(store, kind, pid).find((c) => c.id === childId);
    return child ? v3One(projectFields(child, req.query)) : v3NotFound(what);
  };
}

function children(store: RouteCall['store'], kind: string, pid: number): ApiRecord[] {
  if (kind === 'variants') return store.productVariants(pid);
  if (kind === 'images') return store.productImages(pid);
  if (kind === 'custom_fields') return store.productCustomFields(pid);
  return store.productOptions(pid);
}

const VARIANT_SPEC: ListSpec<ApiRecord> = {
  idField: 'id',
  fields: {
    id: int(f('id')),
    sku: str(f('sku')),
    upc: str(f('upc')),
    product_id: int(f('product_id'), ['in']),
  },
};

/**
 * /v3/catalog/variants: every variant of every live product. Variant ids encode their product
 * ((pid-1)*4+k+1), so a page is built from ids without building every product.
 */
function listVariants({ store, req }: RouteCall) {
  const q = req.query;
  const only = parentFilter(q, 'product_id:in');
  const seeded = childIds(
    store,
    'variants',
    store.ids('products'),
    (pid) => variantCountOf(store.context, pid),
    MAX_VARIANTS,
    only,
  );
  const ids = withWrittenChildren(store, 'variants', 'products', seeded, MAX_VARIANTS, only);
  const build = (vid: number) =>
    store.productVariants(parentOfChild(store, 'variants', vid, MAX_VARIANTS)).find((v) => v.id === vid)!;
  return listV3(q, { ids, build }, VARIANT_SPEC);
}

const BRAND_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: int(f('id'), ALL),
    name: str(f('name'), ['eq', 'like']),
    page_title: str(f('page_title')),
  },
};

function listBrands({ store, req }: RouteCall) {
  const sort =
    req.query.get('sort') === 'name'
      ? byField(f('name'), req.query.get('direction') === 'desc', id)
      : undefined;
  return listV3(req.query, { records: store.brands }, BRAND_SPEC, { sort });
}

const categoryKeyword: FieldDef<ApiRecord> = {
  type: 'string',
  get: f('name'),
  ops: ['eq'],
  custom: (r, raw) => contains([r.name, r.description, r.search_keywords], raw),
};

const CATEGORY_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: int(f('id'), ALL),
    name: str(f('name'), ['eq', 'like']),
    parent_id: int(f('parent_id'), ['eq', 'in', 'min', 'max', 'greater', 'less']),
    page_title: str(f('page_title'), ['eq', 'like']),
    keyword: categoryKeyword,
    is_visible: bool(f('is_visible')),
  },
};

function listCategories({ store, req }: RouteCall) {
  const s = req.query.get('sort') ?? '';
  const sort = ['name', 'id', 'parent_id', 'sort_order'].includes(s) ? byField(f(s), false, id) : undefined;
  return listV3(req.query, { records: store.categories }, CATEGORY_SPEC, { sort });
}

const TREE_CATEGORY_SPEC: ListSpec<ApiRecord> = {
  fields: {
    category_uuid: str(f('category_uuid'), ['in', 'not_in']),
    category_id: int(f('category_id'), ['in', 'not_in']),
    tree_id: int(f('tree_id'), ['in', 'not_in']),
    parent_id: int(f('parent_id'), ['in', 'not_in']),
    page_title: str(f('page_title'), ['eq', 'like']),
    name: str(f('name'), ['eq', 'like']),
    keyword: categoryKeyword,
    is_visible: bool(f('is_visible')),
  },
};

const TREE_SPEC: ListSpec<ApiRecord> = {
  fields: {
    id: int(f('id'), ['in']),
    channel_id: { type: 'intArray', get: f('channels'), ops: ['in'] },
  },
};

function fixedOne(pick: (call: RouteCall) => readonly ApiRecord[], what: string) {
  return (call: RouteCall) => {
    const found = pick(call).find((r) => r.id === call.params[0]);
    return found ? v3One(projectFields({ ...found }, call.req.query)) : v3NotFound(what);
  };
}

const P = SCOPES.products;

export const catalogRoutes: Route[] = [
  route('/v3/catalog/products', P, listProducts),
  route('/v3/catalog/products/{product_id}', P, getProduct),
  route('/v3/catalog/products/{product_id}/variants', P, productChildren('variants')),
  route('/v3/catalog/products/{product_id}/variants/{variant_id}', P, productChild('variants', 'variant')),
  route('/v3/catalog/products/{product_id}/images', P, productChildren('images')),
  route('/v3/catalog/products/{product_id}/images/{image_id}', P, productChild('images', 'image')),
  route('/v3/catalog/products/{product_id}/custom-fields', P, productChildren('custom_fields')),
  route(
    '/v3/catalog/products/{product_id}/custom-fields/{custom_field_id}',
    P,
    productChild('custom_fields', 'custom field'),
  ),
  route('/v3/catalog/products/{product_id}/options', P, productChildren('options')),
  route('/v3/catalog/products/{product_id}/options/{option_id}', P, productChild('options', 'option')),
  route('/v3/catalog/variants', P, listVariants),
  route('/v3/catalog/brands', P, listBrands),
  route(
    '/v3/catalog/brands/{brand_id}',
    P,
    fixedOne((c) => c.store.brands, 'brand'),
  ),
  route('/v3/catalog/categories', P, listCategories),
  route(
    '/v3/catalog/categories/{category_id}',
    P,
    fixedOne((c) => c.store.categories, 'category'),
  ),
  route('/v3/catalog/trees', P, ({ store, req }) =>
    listV3(req.query, { records: store.categoryTrees }, TREE_SPEC, { projection: false }),
  ),
  route('/v3/catalog/trees/categories', P, ({ store, req }) =>
    listV3(req.query, { records: store.treeCategories }, TREE_CATEGORY_SPEC),
  ),
];
