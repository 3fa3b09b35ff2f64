/** Every write endpoint the simulator serves (the methods beside the read routes in api/*.ts). */
import { SCOPES } from '../api/route';
import { slugify } from '../seed';
import {
  deleteAddresses,
  deleteCustomers,
  postAddresses,
  postCustomers,
  putAddresses,
  putCustomers,
  CUSTOMER_BATCH,
} from './customerWrites';
import { deleteFromSet, deleteManyFromSet, postToSet, putToSet, type SetSpec } from './fixedSetWrites';
import { deleteChild, postChild, putChild, putVariants, VARIANT_BATCH } from './productChildWrites';
import {
  deleteProduct,
  deleteProducts,
  postProduct,
  putProduct,
  putProducts,
  PRODUCT_BATCH,
} from './productWrites';
import { batch, writeRoute, type WriteRoute } from './writeRoute';

const P = SCOPES.products;
const C = SCOPES.customers;

const url = (path: string) => ({ custom_url: { url: path, is_customized: false } });
const BRANDS: SetSpec = {
  set: 'brands',
  what: 'brand',
  unique: 'name',
  derive: (b) => url(`/brands/${slugify(String(b.name))}.html`),
};
const CATEGORIES: SetSpec = {
  set: 'categories',
  what: 'category',
  defaults: { is_visible: true, layout_file: 'category.html', default_product_sort: 'use_store_settings' },
  derive: (b) => url(`/${slugify(String(b.name))}/`),
};

/** A fixed set's four routes: the collection (POST, DELETE id:in) and one record (PUT, DELETE). */
function setRoutes(collection: string, one: string, scope: typeof P, spec: SetSpec): WriteRoute[] {
  return [
    writeRoute(collection, scope, { POST: postToSet(spec), DELETE: deleteManyFromSet(spec) }),
    writeRoute(one, scope, { PUT: putToSet(spec), DELETE: deleteFromSet(spec) }),
  ];
}

const child = (kind: 'variants' | 'images' | 'custom_fields', path: string, idName: string) => [
  writeRoute(`/v3/catalog/products/{product_id}/${path}`, P, { POST: postChild(kind) }),
  writeRoute(`/v3/catalog/products/{product_id}/${path}/{${idName}}`, P, {
    PUT: putChild(kind),
    DELETE: deleteChild(kind),
  }),
];

export const WRITE_ROUTES: readonly WriteRoute[] = [
  writeRoute('/v3/catalog/products', P, {
    POST: postProduct,
    PUT: batch(PRODUCT_BATCH, putProducts),
    DELETE: deleteProducts,
  }),
  writeRoute('/v3/catalog/products/{product_id}', P, { PUT: putProduct, DELETE: deleteProduct }),
  ...child('variants', 'variants', 'variant_id'),
  ...child('images', 'images', 'image_id'),
  ...child('custom_fields', 'custom-fields', 'custom_field_id'),
  writeRoute('/v3/catalog/variants', P, { PUT: batch(VARIANT_BATCH, putVariants) }),
  ...setRoutes('/v3/catalog/brands', '/v3/catalog/brands/{brand_id}', P, BRANDS),
  ...setRoutes('/v3/catalog/categories', '/v3/catalog/categories/{category_id}', P, CATEGORIES),
  writeRoute('/v3/customers', C, {
    POST: batch(CUSTOMER_BATCH, postCustomers),
    PUT: batch(CUSTOMER_BATCH, putCustomers),
    DELETE: deleteCustomers,
  }),
  // customers.v3.yml gives address batches no limit.
  writeRoute('/v3/customers/addresses', C, {
    POST: postAddresses,
    PUT: putAddresses,
    DELETE: deleteAddresses,
  }),
];
