/**
 * The store's resources beyond the first tables: per-parent sub-resources built on demand from
 * the parent's seed (like the store's own products and orders), and small fixed sets built once.
 * `rows(table)` lists a table's rows across all parents with the parent key, for the
 * differential tests that compare query results with the seed.
 */
import type { ApiRecord, SeedContext } from './api/records/context';
import {
  hasRefund,
  orderConsignments,
  orderMessages,
  orderRefund,
  orderTaxes,
  orderTransactions,
} from './api/records/orderExtras';
import { orderModel, orderProducts, orderShipments } from './api/records/orders';
import { abandonedCarts, shippingQuote } from './api/records/quotesAndCarts';
import { buildProduct, productChannels, productOptions, productVariants } from './api/records/products';
import { buildChannels, ORDER_STATUSES } from './api/records/settings';
import { statusRecord } from './api/orders';
import {
  buildBlogPosts,
  buildBlogTags,
  buildPages,
  buildPromotions,
  buildRedirects,
  buildShippingMethods,
  buildShippingZones,
  buildStoreLogs,
  buildWebhooks,
} from './api/records/contentExtras';
import {
  buildCustomerAttributes,
  buildCustomerAttributeValues,
  buildFormFieldValues,
  buildSubscribers,
  buildWishlists,
} from './api/records/customerExtras';
import { buildGiftCertificates, buildPaymentMethods } from './api/records/marketingExtras';
import {
  channelListings,
  inventoryItems,
  priceListRecords,
  productBulkPricingRules,
  productComplexRules,
  productMetafields,
  productReviews,
  productVideos,
} from './api/records/productExtras';

export type OrderExtraKind = 'messages' | 'taxes' | 'transactions';
export type ProductExtraKind = 'bulk_pricing_rules' | 'videos' | 'reviews' | 'complex-rules' | 'metafields';

const PRODUCT_CHILDREN: Record<ProductExtraKind, (ctx: SeedContext, pid: number) => ApiRecord[]> = {
  bulk_pricing_rules: productBulkPricingRules,
  videos: productVideos,
  reviews: productReviews,
  'complex-rules': productComplexRules,
  metafields: productMetafields,
};

/** Price list → customer group and channel (price_lists.v3.yml assignments). */
const PRICE_LIST_ASSIGNMENTS: readonly ApiRecord[] = [
  { id: 1, price_list_id: 1, customer_group_id: 2, channel_id: 1 },
  { id: 2, price_list_id: 2, customer_group_id: 3, channel_id: 1 },
  { id: 3, price_list_id: 4, customer_group_id: 1, channel_id: 664179 },
];

export type FixedSet =
  | 'blogPosts'
  | 'blogTags'
  | 'pages'
  | 'redirects'
  | 'shippingZones'
  | 'promotions'
  | 'storeLogs'
  | 'webhooks'
  | 'customerAttributes'
  | 'customerAttributeValues'
  | 'formFieldValues'
  | 'subscribers'
  | 'wishlists';

/** Catalog table → the fixed set whose records are its rows (or, for unnested tables, hold them). */
const TABLE_SETS: Record<string, FixedSet> = {
  Blogposts: 'blogPosts',
  BlogTags: 'blogTags',
  Pages: 'pages',
  Redirects: 'redirects',
  ShippingZones: 'shippingZones',
  ShippingZoneLocations: 'shippingZones',
  Promotions: 'promotions',
  StoreLogs: 'storeLogs',
  Webhooks: 'webhooks',
  CustomerAttributes: 'customerAttributes',
  CustomerAttributeValues: 'customerAttributeValues',
  CustomerFormFieldValues: 'formFieldValues',
  Subscribers: 'subscribers',
  Wishlists: 'wishlists',
  WishlistItems: 'wishlists',
};

export interface SeedRow {
  record: ApiRecord;
  /** The parent's key, for tables whose records do not carry it ($parent.… columns). */
  parentId?: number;
  /** The parent row itself, where `$parent.` columns read more than its Id (or a lookup key). */
  parent?: Record<string, string | number>;
}

export interface StoreExtras {
  /** An order's messages, taxes or transactions; undefined when the order does not exist. */
  orderChildren(kind: OrderExtraKind, orderId: number): ApiRecord[] | undefined;
  /** GET /v2/orders/{id}/consignments; undefined when the order does not exist. */
  consignments(orderId: number): ApiRecord | undefined;
  /** Ids of orders with a refund (refund ids equal order ids). */
  refundIds(): number[];
  refund(orderId: number): ApiRecord | undefined;
  /** A product's sub-resources of one kind; undefined when the product does not exist. */
  productChildren(kind: ProductExtraKind, productId: number): ApiRecord[] | undefined;
  /** A price list's records, for every product or only `products`; undefined for an unknown list. */
  priceListRecords(listId: number, products?: ReadonlySet<number>): ApiRecord[] | undefined;
  /** Inventory items of every product's variants, or only of `products`. */
  inventoryItems(products?: ReadonlySet<number>): ApiRecord[];
  readonly priceListAssignments: readonly ApiRecord[];
  /** Product → channel or category pairs of every product, or only of `products`. */
  assignments(kind: 'channel' | 'category', products?: ReadonlySet<number>): ApiRecord[];
  /** A channel's listings (every product's, or only `products`'). */
  channelListings(channelId: number, products?: ReadonlySet<number>): ApiRecord[];
  /**
   * The quote of an order's shipping address: undefined when the order or address does not
   * exist (404), null when the order has no quote (204).
   */
  shippingQuote(orderId: number, addressId: number): ApiRecord | null | undefined;
  /** An abandoned cart by its email token; undefined for an unknown token. */
  abandonedCart(token: string): ApiRecord | undefined;
  /** A shipping zone's methods; undefined for an unknown zone. */
  shippingMethods(zoneId: number): ApiRecord[] | undefined;
  /** Small store-wide sets, built on first use. */
  readonly sets: Readonly<Record<FixedSet, readonly ApiRecord[]>>;
  readonly giftCertificates: readonly ApiRecord[];
  readonly paymentMethods: readonly ApiRecord[];
  /** Every row of a table named as in the catalog, or undefined for tables not kept here. */
  rows(table: string): SeedRow[] | undefined;
}

type Has = (resource: 'products' | 'customers' | 'orders', id: number) => boolean;
type Ids = (resource: 'products' | 'customers' | 'orders') => readonly number[];

const CONSIGNMENT_PARTS: Record<string, (c: ApiRecord) => ApiRecord[]> = {
  ShippingConsignments: (c) => c.shipping as ApiRecord[],
  PickupConsignments: (c) => c.pickups as ApiRecord[],
  DownloadConsignments: (c) => c.downloads as ApiRecord[],
  EmailConsignments: (c) => (c.email as { gift_certificates: ApiRecord[] }).gift_certificates,
};

export function createStoreExtras(ctx: SeedContext, has: Has, ids: Ids): StoreExtras {
  const model = (id: number) => orderModel(ctx, id);
  const children = (kind: OrderExtraKind, id: number) => {
    const o = model(id);
    if (kind === 'messages') return orderMessages(ctx, o);
    if (kind === 'taxes') return orderTaxes(ctx, o);
    return orderTransactions(ctx, o);
  };
  // Built on first use: gift certificates need an order model per certificate.
  const fixed = lazySets({
    giftCertificates: () => buildGiftCertificates(ctx),
    paymentMethods: buildPaymentMethods,
  });
  const sets: Record<FixedSet, ApiRecord[]> = lazySets<FixedSet>({
    blogPosts: () => buildBlogPosts(ctx),
    blogTags: () => buildBlogTags(sets.blogPosts),
    pages: buildPages,
    redirects: () => buildRedirects(ctx),
    shippingZones: buildShippingZones,
    promotions: buildPromotions,
    storeLogs: buildStoreLogs,
    webhooks: () => buildWebhooks(ctx),
    customerAttributes: buildCustomerAttributes,
    customerAttributeValues: () => buildCustomerAttributeValues(ctx),
    formFieldValues: () => buildFormFieldValues(ctx),
    subscribers: () => buildSubscribers(ctx),
    wishlists: () => buildWishlists(ctx, ctx.products),
  });
  const assignments = (kind: 'channel' | 'category', only?: ReadonlySet<number>): ApiRecord[] =>
    productIds(only).flatMap((pid): ApiRecord[] =>
      kind === 'channel'
        ? productChannels(pid).map((channel_id) => ({ product_id: pid, channel_id }))
        : (buildProduct(ctx, pid).categories as number[]).map((category_id) => ({
            product_id: pid,
            category_id,
          })),
    );
  const zoneIds = () => sets.shippingZones.map((z) => z.id as number);
  let cartList: [string, ApiRecord][] | undefined;
  const carts = () => (cartList ??= abandonedCarts(ctx));
  const perOrder = (build: (id: number) => ApiRecord[]) => ids('orders').flatMap(build);
  const refundIds = () => ids('orders').filter((id) => hasRefund(ctx, id));
  const productIds = (only?: ReadonlySet<number>) => ids('products').filter((id) => !only || only.has(id));
  const listIds = new Set([1, 2, 3, 4]);
  const priceRecords = (listId: number, only?: ReadonlySet<number>) =>
    listIds.has(listId) ? productIds(only).flatMap((pid) => priceListRecords(ctx, listId, pid)) : undefined;
  const perProduct = (kind: ProductExtraKind) =>
    ids('products').flatMap((pid) =>
      PRODUCT_CHILDREN[kind](ctx, pid).map((record) => ({ record, parentId: pid })),
    );

  const rows = (table: string): SeedRow[] | undefined => {
    const plain = (records: ApiRecord[]) => records.map((record) => ({ record }));
    switch (table) {
      case 'OrderMessages':
        return plain(perOrder((id) => children('messages', id)));
      case 'OrderTaxes':
        return plain(perOrder((id) => children('taxes', id)));
      case 'Transactions':
        return plain(perOrder((id) => children('transactions', id)));
      case 'OrderRefunds':
      case 'OrderRefundsItems':
      case 'OrderRefundsPayments':
        return plain(refundIds().map((id) => orderRefund(ctx, model(id))!));
      case 'OrderItemOptionValues':
        return plain(perOrder((id) => orderProducts(ctx, model(id))));
      case 'ShipmentItems':
        return plain(perOrder((id) => orderShipments(ctx, model(id))));
      case 'GiftCertificates':
        return plain(structuredClone(fixed.giftCertificates));
      // Unnested tables: the records listed, each holding its rows (only the fields read).
      case 'ProductBulkPricingRules':
        return plain(
          productIds().map((id) => ({ id, bulk_pricing_rules: productBulkPricingRules(ctx, id) })),
        );
      case 'ProductVideos':
        return plain(productIds().map((id) => ({ id, videos: productVideos(ctx, id) })));
      case 'ProductVariantValues':
        return plain(productIds().flatMap((id) => productVariants(ctx, id)));
      case 'ProductOptionValues':
        return productIds().flatMap((id) =>
          productOptions(ctx, id).map((record) => ({ record, parentId: id })),
        );
      case 'ProductReviews':
        return perProduct('reviews');
      case 'ProductRules':
        return perProduct('complex-rules');
      case 'ProductMetafields':
        return perProduct('metafields');
      case 'PriceListRecords':
        return [...listIds].flatMap((l) => priceRecords(l)!.map((record) => ({ record, parentId: l })));
      case 'PriceListAssignments':
        return plain(structuredClone(PRICE_LIST_ASSIGNMENTS as ApiRecord[]));
      case 'InventoryItems':
        return plain(productIds().flatMap((pid) => inventoryItems(ctx, pid)));
      case 'OrderStatuses':
        return plain(ORDER_STATUSES.map(statusRecord));
      case 'PaymentMethods':
        return plain(structuredClone(fixed.paymentMethods));
    }
    if (table === 'ChannelListings') {
      return buildChannels().flatMap((c) =>
        channelListings(ctx, c.id as number, productIds()).map((record) => ({ record })),
      );
    }
    if (table === 'ShippingConsignmentQuotes') {
      return ids('orders').flatMap((id) => {
        const q = shippingQuote(ctx, model(id));
        return q ? [{ record: q, parent: { Id: id, OrderId: id } }] : [];
      });
    }
    if (table === 'AbandonedCarts') return carts().map(([Token, record]) => ({ record, parent: { Token } }));
    if (table === 'ProductChannelAssignments') return plain(assignments('channel'));
    if (table === 'ProductCategoryAssignments') return plain(assignments('category'));
    if (table === 'ShippingMethods') {
      return zoneIds().flatMap((z) => buildShippingMethods(z).map((record) => ({ record, parentId: z })));
    }
    if (TABLE_SETS[table]) return plain(structuredClone(sets[TABLE_SETS[table]] as ApiRecord[]));
    const part = CONSIGNMENT_PARTS[table];
    if (part) {
      return ids('orders').flatMap((id) =>
        part(orderConsignments(ctx, model(id))).map((record) => ({ record, parentId: id })),
      );
    }
    return undefined;
  };

  return {
    orderChildren: (kind, id) => (has('orders', id) ? children(kind, id) : undefined),
    consignments: (id) => (has('orders', id) ? orderConsignments(ctx, model(id)) : undefined),
    refundIds,
    refund: (id) => (has('orders', id) ? orderRefund(ctx, model(id)) : undefined),
    productChildren: (kind, pid) => (has('products', pid) ? PRODUCT_CHILDREN[kind](ctx, pid) : undefined),
    priceListRecords: priceRecords,
    inventoryItems: (only) => productIds(only).flatMap((pid) => inventoryItems(ctx, pid)),
    priceListAssignments: PRICE_LIST_ASSIGNMENTS,
    assignments,
    channelListings: (channelId, only) => channelListings(ctx, channelId, productIds(only)),
    shippingQuote: (orderId, addressId) => {
      // An order's one shipping address has the order's id; digital orders have none.
      if (!has('orders', orderId) || addressId !== orderId || model(orderId).isDigital) return undefined;
      return shippingQuote(ctx, model(orderId)) ?? null;
    },
    abandonedCart: (token) => carts().find(([t]) => t === token.toLowerCase())?.[1],
    shippingMethods: (z) => (zoneIds().includes(z) ? buildShippingMethods(z) : undefined),
    sets,
    get giftCertificates() {
      return fixed.giftCertificates;
    },
    get paymentMethods() {
      return fixed.paymentMethods;
    },
    rows,
  };
}

/** An object whose properties are built by their function the first time they are read. */
function lazySets<K extends string>(builders: Record<K, () => ApiRecord[]>): Record<K, ApiRecord[]> {
  const cache = new Map<K, ApiRecord[]>();
  const out = {} as Record<K, ApiRecord[]>;
  for (const key of Object.keys(builders) as K[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      get: () => {
        let v = cache.get(key);
        if (!v) cache.set(key, (v = builders[key]()));
        return v;
      },
    });
  }
  return out;
}
