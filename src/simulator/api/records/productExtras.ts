/**
 * More of a product's sub-resources (products_catalog.v3.yml): bulk pricing rules, videos,
 * reviews, complex rules and metafields; and what hangs off its variants elsewhere: price list
 * records (price_lists.v3.yml) and inventory by location (inventory.v3.yml). Each is built from
 * its own seed stream, so a product's children are the same whenever they are asked for.
 *
 * Ids derive from the product id: (pid-1)*MAX+k+1 with at most MAX of each kind per product.
 */
import { isoDate, LAST_NAMES, FIRST_NAMES, Rng, STORE_NOW_MS, toSecond } from '../../seed';
import type { ApiRecord, SeedContext } from './context';
import { productBasics, productChannels, productVariants } from './products';
import { MARKETPLACE_CHANNEL_ID } from './taxonomy';

export const MAX_PER_PRODUCT = 4;
const SALT = {
  bulk: 111,
  videos: 112,
  reviews: 113,
  rules: 114,
  metafields: 115,
  prices: 116,
  stock: 117,
  listings: 118,
};
const DAY = 86_400_000;
const childId = (pid: number, k: number) => (pid - 1) * MAX_PER_PRODUCT + k + 1;
const rngOf = (ctx: SeedContext, salt: number, id: number) => Rng.for(ctx.seed, salt, id);
const daysAgo = (rng: Rng, max: number) => isoDate(toSecond(STORE_NOW_MS - rng.int(1, max) * DAY));

/** A quarter of products sell cheaper by the case: two tiers. */
export function productBulkPricingRules(ctx: SeedContext, pid: number): ApiRecord[] {
  const rng = rngOf(ctx, SALT.bulk, pid);
  if (!rng.chance(0.25)) return [];
  const type = rng.pick(['percent', 'price', 'fixed'] as const);
  const step = rng.int(3, 6);
  return [0, 1].map((k) => ({
    id: childId(pid, k),
    quantity_min: k === 0 ? step : step * 2 + 1,
    quantity_max: k === 0 ? step * 2 : 0,
    type,
    amount: type === 'percent' ? 5 * (k + 1) : k + 1,
  }));
}

export function productVideos(ctx: SeedContext, pid: number): ApiRecord[] {
  const rng = rngOf(ctx, SALT.videos, pid);
  if (!rng.chance(0.2)) return [];
  const name = productBasics(ctx, pid).name;
  return [
    {
      id: childId(pid, 0),
      product_id: pid,
      title: `${name} — unboxing`,
      description: `A first look at the ${name}.`,
      sort_order: 0,
      type: 'youtube',
      video_id: rng.hex(11),
      length: `0${rng.int(1, 9)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
    },
  ];
}

const REVIEW_TITLES = ['Love it', 'Does the job', 'Not what I expected', 'Great value', 'Five stars!'];

export function productReviews(ctx: SeedContext, pid: number): ApiRecord[] {
  const rng = rngOf(ctx, SALT.reviews, pid);
  const n = rng.weighted([
    [0, 55],
    [1, 25],
    [2, 12],
    [3, 8],
  ] as const);
  return Array.from({ length: n }, (_, k) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const reviewed = daysAgo(rng, 600);
    return {
      id: childId(pid, k),
      title: rng.pick(REVIEW_TITLES),
      text: 'Bought this for home use; it arrived quickly and works as described.',
      status: rng.weighted([
        ['approved', 7],
        ['pending', 2],
        ['disapproved', 1],
      ] as const),
      rating: rng.int(1, 5),
      email: `${first}.${last}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      date_reviewed: reviewed,
      date_created: reviewed,
      date_modified: reviewed,
    };
  });
}

/** Products with options sometimes charge more for one variant: one complex rule. */
export function productComplexRules(ctx: SeedContext, pid: number): ApiRecord[] {
  const variants = productVariants(ctx, pid);
  const rng = rngOf(ctx, SALT.rules, pid);
  if (variants.length < 2 || !rng.chance(0.4)) return [];
  const v = rng.pick(variants);
  const id = childId(pid, 0);
  return [
    {
      id,
      product_id: pid,
      sort_order: 0,
      enabled: true,
      stop: false,
      purchasing_disabled: false,
      purchasing_disabled_message: '',
      purchasing_hidden: false,
      image_url: '',
      price_adjuster: { adjuster: 'relative', adjuster_value: rng.int(1, 5) },
      weight_adjuster: { adjuster: 'relative', adjuster_value: 0 },
      conditions: [
        {
          id,
          rule_id: id,
          modifier_id: null,
          modifier_value_id: null,
          variant_id: v.id,
          combination_id: v.id,
        },
      ],
    },
  ];
}

const METAFIELD_KEYS = [
  ['warehouse', 'bin_location'],
  ['marketplace', 'amazon_asin'],
  ['erp', 'item_code'],
] as const;

export function productMetafields(ctx: SeedContext, pid: number): ApiRecord[] {
  const rng = rngOf(ctx, SALT.metafields, pid);
  if (!rng.chance(0.35)) return [];
  const n = rng.int(1, METAFIELD_KEYS.length);
  return METAFIELD_KEYS.slice(0, n).map(([namespace, key], k) => {
    const created = daysAgo(rng, 500);
    return {
      id: childId(pid, k),
      key,
      value: `${key.toUpperCase()}-${pid}`,
      namespace,
      permission_set: k === 0 ? 'read' : 'app_only',
      description: `${namespace} ${key}`,
      resource_type: 'product',
      resource_id: pid,
      date_created: created,
      date_modified: created,
      owner_client_id: 'sim-app-client',
    };
  });
}

/** Price list `listId` prices some products' variants below the catalog price, in USD. */
export function priceListRecords(ctx: SeedContext, listId: number, pid: number): ApiRecord[] {
  const rng = Rng.for(ctx.seed, SALT.prices, pid * 8 + listId);
  if (!rng.chance(0.3)) return [];
  const basics = productBasics(ctx, pid);
  const off = 1 - 0.05 * (listId + 1);
  return productVariants(ctx, pid).map((v) => {
    const price = Math.round(Number(v.calculated_price) * off * 100) / 100;
    const when = isoDate(toSecond(STORE_NOW_MS - (listId * 30 + (pid % 20)) * DAY));
    return {
      price_list_id: listId,
      variant_id: v.id,
      product_id: pid,
      sku: v.sku,
      currency: 'usd',
      price,
      calculated_price: price,
      date_created: when,
      date_modified: when,
      bulk_pricing_tiers:
        basics.priceCents > 10000
          ? [{ quantity_min: 5, quantity_max: null, type: 'percent', amount: 5 }]
          : [],
    };
  });
}

export const LOCATIONS = [
  { id: 1, code: 'AUS-1', name: 'Austin store' },
  { id: 2, code: 'WH-EAST', name: 'East warehouse' },
] as const;

/** Inventory of each variant at the two locations (inventory.v3.yml /inventory/items). */
export function inventoryItems(ctx: SeedContext, pid: number): ApiRecord[] {
  return productVariants(ctx, pid).map((v) => {
    const rng = Rng.for(ctx.seed, SALT.stock, v.id as number);
    const total = v.inventory_level as number;
    const atStore = Math.floor(total * rng.float());
    return {
      // sku_id is null for a base variant, which the schema (integer) cannot say: left out then.
      identity: {
        sku: v.sku,
        variant_id: v.id,
        product_id: pid,
        ...(v.sku_id === null ? {} : { sku_id: v.sku_id }),
      },
      locations: LOCATIONS.map((l, k) => {
        const onHand = k === 0 ? atStore : total - atStore;
        const safety = k === 0 ? 0 : Math.min(onHand, 2);
        return {
          location_id: l.id,
          location_code: l.code,
          location_name: l.name,
          available_to_sell: onHand - safety,
          total_inventory_onhand: onHand,
          location_enabled: true,
          settings: {
            safety_stock: safety,
            is_in_stock: onHand - safety > 0,
            warning_level: 0,
            bin_picking_number: '',
          },
        };
      }),
    };
  });
}

/**
 * Channel listings (channels.v3.yml): the marketplace channel lists every product assigned to it
 * (productChannels), with each variant; listing ids follow the product id.
 */
export function channelListings(
  ctx: SeedContext,
  channelId: number,
  productIds: readonly number[],
): ApiRecord[] {
  if (channelId !== MARKETPLACE_CHANNEL_ID) return [];
  return productIds
    .filter((pid) => productChannels(pid).includes(channelId))
    .map((pid) => {
      const basics = productBasics(ctx, pid);
      const rng = Rng.for(ctx.seed, SALT.listings, pid);
      const created = isoDate(toSecond(STORE_NOW_MS - rng.int(30, 400) * DAY));
      const state = rng.weighted([
        ['active', 8],
        ['pending', 1],
        ['rejected', 1],
      ] as const);
      const common = {
        channel_id: channelId,
        product_id: pid,
        state,
        date_created: created,
        date_modified: created,
      };
      return {
        ...common,
        listing_id: pid,
        external_id: `AMZ-${String(pid).padStart(6, '0')}`,
        name: basics.name,
        description: `${basics.name} on Amazon.`,
        variants: productVariants(ctx, pid).map((v) => ({
          ...common,
          variant_id: v.id,
          external_id: `AMZ-${v.id}`,
          name: String(v.sku),
          description: '',
        })),
      };
    });
}
