/**
 * The simulator's store: deterministic seed data, shaped exactly as the REST API serves it.
 *
 * Products, customers and orders are not held in memory. The store keeps only the list of live
 * ids per resource and builds a record from (seed, id) whenever one is asked for (see seed.ts),
 * so createStore() is instant and small at 100,000 rows and the same seed gives the same data.
 * The small fixed sets (brands, categories, channels, …) are built once.
 *
 * `sim.store` is this object: differential tests read `records('orders')` etc. and compare with
 * what a query returned through the API.
 */
import {
  buildCustomer,
  customerAddresses,
  customerModifiedMs,
  customerWithIncludes,
  CUSTOMER_GROUPS,
} from './api/records/customers';
import type { ApiRecord, SeedContext } from './api/records/context';
import {
  buildOrder,
  orderCoupons,
  orderModel,
  orderProducts,
  orderShipments,
  orderShippingAddresses,
} from './api/records/orders';
import {
  buildProduct,
  productCustomFields,
  productImages,
  productModifiedMs,
  productOptions,
  productVariants,
  withIncludes,
} from './api/records/products';
import {
  buildChannels,
  buildCoupons,
  buildCurrencies,
  buildPriceLists,
  buildStoreInfo,
  buildTaxClasses,
} from './api/records/settings';
import { buildBrands, buildCategories, buildTreeCategories, buildTrees } from './api/records/taxonomy';
import { createStoreExtras, type StoreExtras } from './storeExtras';
import type { SimStoreHooks, SimStoreOptions } from './types';
import { editClock, reviseCustomer, reviseOrder, reviseProduct, reviseVariants, type Edit } from './edits';
import { StoreOverlay } from './writes/StoreOverlay';

export type { ApiRecord } from './api/records/context';

/** The resources whose rows can be added and removed at run time (by mutate()). */
export type MutableResource = 'products' | 'customers' | 'orders';

/**
 * - 'delete-first': removes the lowest live id. Every later record moves one place earlier, so a
 *   page-by-page scan that straddles the change skips one record; the total falls by one.
 * - 'restore': puts back the most recently deleted record. Later records move one place later,
 *   so a straddling scan sees one record twice; the total rises by one.
 * - 'append': adds a new record with the next id (as BigCommerce's auto-increment would); it
 *   lands on the last page and the total rises by one. Its dates are the moment of the change.
 * - 'modify': changes record `id` (or the lowest live id): a field or two and date_modified.
 * - 'delete': removes record `id`.
 */
export type MutationAction = 'delete-first' | 'restore' | 'append' | 'modify' | 'delete';

export interface MutationSpec {
  resource?: MutableResource;
  action?: MutationAction;
  /** The record 'modify' and 'delete' act on. */
  id?: number;
  /** When the change happens (epoch ms, cut to whole seconds); default the wall clock. */
  at?: number;
}

export interface MutationResult {
  resource: MutableResource;
  action: MutationAction;
  /** The id removed, restored or added; null when there was nothing to do. */
  id: number | null;
  /** Live records of that resource afterwards. */
  total: number;
}

/** Names for records(): one per API resource the provider's tables read, as the API serves their rows. */
export type SeedTable =
  | 'products'
  | 'productVariants'
  | 'productImages'
  | 'productCustomFields'
  | 'productOptions'
  | 'brands'
  | 'categories'
  | 'categoryTrees'
  | 'treeCategories'
  | 'customers'
  | 'customerAddresses'
  | 'customerGroups'
  | 'orders'
  | 'orderProducts'
  | 'orderShippingAddresses'
  | 'orderShipments'
  | 'orderCoupons'
  | 'coupons'
  | 'currencies'
  | 'taxClasses'
  | 'store'
  | 'channels'
  | 'priceLists';

export interface SimStore extends SimStoreHooks {
  readonly options: Readonly<SimStoreOptions>;
  readonly storeHash: string;
  /** What the record builders see (seed, store hash, seeded sizes). */
  readonly context: Readonly<SeedContext>;
  /** Bumped by every mutate() that changed something. */
  readonly version: number;

  /** Live ids of a resource, ascending. Do not modify the array. */
  ids(resource: MutableResource): readonly number[];
  has(resource: MutableResource, id: number): boolean;
  /** date_modified of a record (epoch ms) as the API serves it, without building the record. */
  modifiedMs(resource: MutableResource, id: number): number;

  /** A product as GET /v3/catalog/products/{id} returns it (plus ?include= sub-resources). */
  product(id: number, include?: ReadonlySet<string>): ApiRecord | undefined;
  productVariants(productId: number): ApiRecord[];
  productImages(productId: number): ApiRecord[];
  productCustomFields(productId: number): ApiRecord[];
  productOptions(productId: number): ApiRecord[];
  customer(id: number, include?: ReadonlySet<string>): ApiRecord | undefined;
  customerAddresses(customerId: number): ApiRecord[];
  /** A v2 order as GET /v2/orders/{id} returns it. */
  order(id: number): ApiRecord | undefined;
  /** Sub-resources of an order; undefined when the order does not exist. */
  orderChildren(
    id: number,
    kind: 'products' | 'shipping_addresses' | 'shipments' | 'coupons',
  ): ApiRecord[] | undefined;

  readonly brands: readonly ApiRecord[];
  readonly categories: readonly ApiRecord[];
  readonly categoryTrees: readonly ApiRecord[];
  readonly treeCategories: readonly ApiRecord[];
  readonly customerGroups: readonly ApiRecord[];
  readonly coupons: readonly ApiRecord[];
  readonly currencies: readonly ApiRecord[];
  readonly taxClasses: readonly ApiRecord[];
  readonly channels: readonly ApiRecord[];
  readonly priceLists: readonly ApiRecord[];
  readonly storeInfo: ApiRecord;
  /** The resources of the tables beyond the first 22 (storeExtras.ts). */
  readonly extras: StoreExtras;

  /** What writes through the API changed (writes/*.ts write here; the reads above see it). */
  readonly overlay: StoreOverlay;
  /** A record created through the API: the next id, with `build(id)` as its whole record. */
  add(resource: MutableResource, build: (id: number) => ApiRecord): ApiRecord;
  /** Deletes a record through the API; false when it did not exist. */
  remove(resource: MutableResource, id: number): boolean;
  /** A fixed set (brands, coupons …) as a live array, for the writes that change it. */
  fixedSet(name: FixedSetName): ApiRecord[];

  /** Every row of a table, in id order, exactly as the API serves it (fresh copies). */
  records(table: SeedTable): ApiRecord[];

  /**
   * Changes the data the way a live store does between two page requests (the 'mutate' fault).
   * Without arguments it alternates on products: 'delete-first', then 'restore', and so on —
   * so one call makes a straddling scan skip a record and the next makes one appear twice.
   */
  mutate(change?: MutationSpec): MutationResult;
}

export type FixedSetName = 'brands' | 'categories' | 'customerGroups' | 'coupons' | 'priceLists';

interface IdState {
  ids: number[];
  maxId: number;
  deleted: number[];
  edits: Map<number, Edit>;
}

function validate(opts: SimStoreOptions): void {
  for (const key of ['products', 'customers', 'orders'] as const) {
    const v = opts[key];
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`Simulator option ${key} must be a whole number of 0 or more (got ${v}).`);
    }
  }
  if (!Number.isFinite(opts.seed))
    throw new RangeError(`Simulator option seed must be a number (got ${opts.seed}).`);
}

function range(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = i + 1;
  return a;
}

/** Index of the first element >= x in an ascending array. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface SeededDates {
  get(id: number): number;
  remember(id: number, ms: number): void;
}

/** A memo of the seeded ids' dates (ids 1..count), filled on first use. */
function seededDates(count: number, compute: (id: number) => number): SeededDates {
  const known = new Float64Array(count + 1).fill(NaN);
  return {
    get(id) {
      if (id >= known.length) return compute(id);
      if (Number.isNaN(known[id])) known[id] = compute(id);
      return known[id];
    },
    remember(id, ms) {
      if (id < known.length) known[id] = ms;
    },
  };
}

const clone = <T>(records: readonly T[]): T[] => structuredClone(records as T[]);

export function createStore(opts: SimStoreOptions): SimStore {
  validate(opts);
  const ctx: SeedContext = {
    seed: opts.seed >>> 0,
    storeHash: opts.storeHash,
    products: opts.products,
    customers: opts.customers,
    orders: opts.orders,
  };
  const state: Record<MutableResource, IdState> = {
    products: { ids: range(opts.products), maxId: opts.products, deleted: [], edits: new Map() },
    customers: { ids: range(opts.customers), maxId: opts.customers, deleted: [], edits: new Map() },
    orders: { ids: range(opts.orders), maxId: opts.orders, deleted: [], edits: new Map() },
  };
  const edit = (resource: MutableResource, id: number) => state[resource].edits.get(id);
  const overlay = new StoreOverlay();
  // Records created through the API have no seeded children.
  const seeded = (resource: MutableResource, id: number, build: () => ApiRecord[]) =>
    overlay.isCreated(resource, id) ? [] : build();
  const kids = (kind: string, resource: MutableResource, id: number, build: () => ApiRecord[]) =>
    overlay.children(kind, id, () => seeded(resource, id, build));
  const product = (id: number) =>
    overlay.apply('products', id, () => reviseProduct(buildProduct(ctx, id), edit('products', id)));
  const variants = (id: number) =>
    kids('variants', 'products', id, () => reviseVariants(productVariants(ctx, id), edit('products', id)));
  const customer = (id: number) =>
    overlay.apply('customers', id, () => reviseCustomer(buildCustomer(ctx, id), edit('customers', id)));
  // Seeded modification dates never change (edits overlay them), so each is computed once; an
  // order's comes late in its draws and is also remembered from every order built.
  const seededModified: Record<MutableResource, SeededDates> = {
    products: seededDates(opts.products, (id) => productModifiedMs(ctx, id)),
    customers: seededDates(opts.customers, (id) => customerModifiedMs(ctx, id)),
    orders: seededDates(opts.orders, (id) => model(id).modified),
  };
  const model = (id: number) => {
    const m = orderModel(ctx, id);
    seededModified.orders.remember(id, m.modified);
    return m;
  };
  const order = (id: number) =>
    overlay.apply('orders', id, () =>
      overlay.isCreated('orders', id) ? {} : reviseOrder(buildOrder(ctx, model(id)), edit('orders', id)),
    );
  const orderKids = (id: number, kind: 'products' | 'shipping_addresses' | 'shipments' | 'coupons') =>
    kids(`order_${kind}`, 'orders', id, () => {
      const m = model(id);
      if (kind === 'products') return orderProducts(ctx, m);
      if (kind === 'shipping_addresses') return orderShippingAddresses(ctx, m);
      if (kind === 'shipments') return orderShipments(ctx, m);
      return orderCoupons(ctx, m);
    });
  /** date_modified as a write through the API set it, if one did. */
  const writtenModified = (resource: MutableResource, id: number) => {
    const v = overlay.written(resource, id)?.date_modified;
    return typeof v === 'string' ? Date.parse(v) : undefined;
  };
  let version = 0;

  const has = (resource: MutableResource, id: number): boolean => {
    const ids = state[resource].ids;
    const i = lowerBound(ids, id);
    return i < ids.length && ids[i] === id;
  };
  const children = <T>(resource: MutableResource, id: number, build: () => T[]): T[] =>
    has(resource, id) ? build() : [];

  const fixed = {
    brands: buildBrands(ctx),
    categories: buildCategories(ctx),
    categoryTrees: buildTrees(),
    treeCategories: buildTreeCategories(ctx),
    customerGroups: structuredClone(CUSTOMER_GROUPS as ApiRecord[]),
    coupons: buildCoupons(),
    currencies: buildCurrencies(),
    taxClasses: buildTaxClasses(),
    channels: buildChannels(),
    priceLists: buildPriceLists(),
    storeInfo: buildStoreInfo(ctx),
  };

  const store: SimStore = {
    options: Object.freeze({ ...opts }),
    storeHash: opts.storeHash,
    context: Object.freeze({ ...ctx }),
    get version() {
      return version + overlay.version;
    },
    ids: (resource) => state[resource].ids,
    has,
    modifiedMs: (resource, id) =>
      writtenModified(resource, id) ?? edit(resource, id)?.at ?? seededModified[resource].get(id),
    product(id, include) {
      if (!has('products', id)) return undefined;
      const p = product(id);
      return include && include.size > 0 ? withIncludes(ctx, p, include) : p;
    },
    productVariants: (id) => children('products', id, () => variants(id)),
    productImages: (id) =>
      children('products', id, () => kids('images', 'products', id, () => productImages(ctx, id))),
    productCustomFields: (id) =>
      children('products', id, () =>
        kids('custom_fields', 'products', id, () => productCustomFields(ctx, id)),
      ),
    productOptions: (id) =>
      children('products', id, () => seeded('products', id, () => productOptions(ctx, id))),
    customer(id, include) {
      if (!has('customers', id)) return undefined;
      const c = customer(id);
      return include && include.size > 0 ? customerWithIncludes(ctx, c, include) : c;
    },
    customerAddresses: (id) =>
      children('customers', id, () => kids('addresses', 'customers', id, () => customerAddresses(ctx, id))),
    order(id) {
      return has('orders', id) ? order(id) : undefined;
    },
    orderChildren(id, kind) {
      return has('orders', id) ? orderKids(id, kind) : undefined;
    },
    ...fixed,
    extras: createStoreExtras(ctx, has, (resource) => state[resource].ids),
    records(table) {
      const each = (resource: MutableResource, build: (id: number) => ApiRecord[]) =>
        state[resource].ids.flatMap(build);
      switch (table) {
        case 'products':
          return each('products', (id) => [product(id)]);
        case 'productVariants':
          return each('products', (id) => variants(id));
        case 'productImages':
          return each('products', (id) => store.productImages(id));
        case 'productCustomFields':
          return each('products', (id) => store.productCustomFields(id));
        case 'productOptions':
          return each('products', (id) => store.productOptions(id));
        case 'customers':
          return each('customers', (id) => [customer(id)]);
        case 'customerAddresses':
          return each('customers', (id) => store.customerAddresses(id));
        case 'orders':
          return each('orders', (id) => [order(id)]);
        case 'orderProducts':
          return each('orders', (id) => orderKids(id, 'products'));
        case 'orderShippingAddresses':
          return each('orders', (id) => orderKids(id, 'shipping_addresses'));
        case 'orderShipments':
          return each('orders', (id) => orderKids(id, 'shipments'));
        case 'orderCoupons':
          return each('orders', (id) => orderKids(id, 'coupons'));
        case 'store':
          return [structuredClone(fixed.storeInfo)];
        default:
          if (table in fixed) return clone(fixed[table as keyof typeof fixed] as ApiRecord[]);
          throw new RangeError(`Unknown seed table "${table}".`);
      }
    },
    overlay,
    add(resource, build) {
      const s = state[resource];
      const id = ++s.maxId;
      const record = build(id);
      s.ids.push(id);
      overlay.markCreated(resource, id);
      overlay.write(resource, id, record);
      return record;
    },
    remove(resource, id) {
      if (!has(resource, id)) return false;
      const s = state[resource];
      s.ids.splice(lowerBound(s.ids, id), 1);
      overlay.forget(resource, id);
      return true;
    },
    fixedSet: (name) => fixed[name] as ApiRecord[],
    mutate(change = {}) {
      const resource = change.resource ?? 'products';
      const s = state[resource];
      const action: MutationAction =
        change.action ?? (s.deleted.length > 0 ? 'restore' : s.ids.length > 0 ? 'delete-first' : 'append');
      const id = applyMutation(s, action, change, has(resource, change.id ?? -1));
      if (id !== null) version++;
      return { resource, action, id, total: s.ids.length };
    },
  };
  return store;
}

/** Carries out one mutation on a resource's ids and edits; the id it touched, or null. */
function applyMutation(
  s: IdState,
  action: MutationAction,
  change: MutationSpec,
  exists: boolean,
): number | null {
  let id: number | null = null;
  if (action === 'delete-first' && s.ids.length > 0) {
    id = s.ids.shift()!;
    s.deleted.push(id);
  } else if (action === 'restore' && s.deleted.length > 0) {
    id = s.deleted.pop()!;
    s.ids.splice(lowerBound(s.ids, id), 0, id);
  } else if (action === 'append') {
    id = ++s.maxId;
    s.ids.push(id);
    const at = editClock(change.at);
    s.edits.set(id, { rev: 0, at, created: at });
  } else if (action === 'modify') {
    id = change.id ?? s.ids[0] ?? null;
    if (id === null || (change.id !== undefined && !exists)) return null;
    const before = s.edits.get(id);
    s.edits.set(id, { ...before, rev: (before?.rev ?? 0) + 1, at: editClock(change.at) });
  } else if (action === 'delete' && change.id !== undefined && exists) {
    id = change.id;
    s.ids.splice(lowerBound(s.ids, id), 1);
    s.deleted.push(id);
  }
  return id;
}
