/** Every write endpoint the simulator serves (the methods beside the read routes in api/*.ts). */
import { SCOPES, type Scope } from '../api/route';
import { isoDate, rfc2822, slugify, sqlDate } from '../seed';
import { deleteBrandImage, postBrandImage } from './brandImageWrites';
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
import {
  deleteOrder,
  deleteShipment,
  postOrder,
  postShipment,
  putOrder,
  putShipment,
  putShippingAddress,
} from './orderWrites';
import {
  deletePriceRecord,
  deletePriceRecords,
  postPriceRecords,
  putPriceRecords,
  PRICE_RECORD_CREATE_BATCH,
  PRICE_RECORD_UPSERT_BATCH,
} from './priceRecordWrites';
import { batch, writeRoute, type WriteRoute } from './writeRoute';

const P = SCOPES.products;
const C = SCOPES.customers;
const O = SCOPES.orders;
const M = SCOPES.marketing;

const url = (path: string) => ({ custom_url: { url: path, is_customized: false } });
const BRANDS: SetSpec = {
  set: 'brands',
  what: 'brand',
  unique: ['name'],
  derive: (b) => url(`/brands/${slugify(String(b.name))}.html`),
};
const CATEGORIES: SetSpec = {
  set: 'categories',
  what: 'category',
  defaults: { is_visible: true, layout_file: 'category.html', default_product_sort: 'use_store_settings' },
  derive: (b) => url(`/${slugify(String(b.name))}/`),
};

const GROUPS: SetSpec = {
  set: 'customerGroups',
  what: 'customer group',
  v2: true,
  unique: ['name'],
  defaults: { category_access: { type: 'all' } },
  stamp: (ms, created) => ({ date_modified: sqlDate(ms), ...(created ? { date_created: sqlDate(ms) } : {}) }),
};
const COUPONS: SetSpec = {
  set: 'coupons',
  what: 'coupon',
  v2: true,
  unique: ['name', 'code'],
  readOnly: ['num_uses', 'date_created'],
  defaults: { enabled: true, amount: '0.0000', min_purchase: '0.0000' },
  stamp: (ms, created) => (created ? { date_created: rfc2822(ms) } : {}),
  createdStatus: 201,
};
const PRICE_LISTS: SetSpec = {
  set: 'priceLists',
  what: 'price list',
  unique: ['name'],
  defaults: { active: true },
  stamp: (ms, created) => ({ date_modified: isoDate(ms), ...(created ? { date_created: isoDate(ms) } : {}) }),
};

/** A fixed set's four routes: the collection (POST, DELETE id:in) and one record (PUT, DELETE). */
function setRoutes(collection: string, one: string, scope: Scope, spec: SetSpec, many = true): WriteRoute[] {
  const post = postToSet(spec);
  return [
    writeRoute(collection, scope, many ? { POST: post, DELETE: deleteManyFromSet(spec) } : { POST: post }),
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
  writeRoute('/v3/catalog/brands/{brand_id}/image', P, { POST: postBrandImage, DELETE: deleteBrandImage }),
  ...setRoutes('/v3/catalog/categories', '/v3/catalog/categories/{category_id}', P, CATEGORIES),
  writeRoute('/v3/customers', C, {
    POST: batch(CUSTOMER_BATCH, postCustomers),
    PUT: batch(CUSTOMER_BATCH, putCustomers),
    DELETE: deleteCustomers,
  }),
  // customers.v2.yml has no DELETE of several groups.
  ...setRoutes('/v2/customer_groups', '/v2/customer_groups/{customer_group_id}', C, GROUPS, false),
  writeRoute('/v2/orders', O, { POST: postOrder }),
  writeRoute('/v2/orders/{order_id}', O, { PUT: putOrder, DELETE: deleteOrder }),
  writeRoute('/v2/orders/{order_id}/shipping_addresses/{id}', O, { PUT: putShippingAddress }),
  writeRoute('/v2/orders/{order_id}/shipments', O, { POST: postShipment }),
  writeRoute('/v2/orders/{order_id}/shipments/{shipment_id}', O, {
    PUT: putShipment,
    DELETE: deleteShipment,
  }),
  ...setRoutes('/v2/coupons', '/v2/coupons/{id}', M, COUPONS),
  ...setRoutes('/v3/pricelists', '/v3/pricelists/{price_list_id}', P, PRICE_LISTS),
  writeRoute('/v3/pricelists/{price_list_id}/records', P, {
    PUT: batch(PRICE_RECORD_UPSERT_BATCH, putPriceRecords),
    POST: batch(PRICE_RECORD_CREATE_BATCH, postPriceRecords),
    DELETE: deletePriceRecords,
  }),
  writeRoute('/v3/pricelists/{price_list_id}/records/{variant_id}/{currency_code}', P, {
    DELETE: deletePriceRecord,
  }),
  // customers.v3.yml gives address batches no limit.
  writeRoute('/v3/customers/addresses', C, {
    POST: postAddresses,
    PUT: putAddresses,
    DELETE: deleteAddresses,
  }),
];
