/**
 * Products and their children (variants, options, images, custom fields), shaped as
 * products_catalog.v3.yml, product-variants_catalog.v3.yml and
 * product-variant-options_catalog.v3.yml describe them.
 *
 * Each product is built from three independent streams: "basics" (name, sku, price — what
 * order lines need, so orders never build a whole product), the product's own fields, and its
 * children. Child ids are derived from the product id (variant id = (pid-1)*4+k+1 …) so they
 * are globally unique and stable without a counter.
 */
import {
  ADJECTIVES,
  BRAND_NAMES,
  COLORS,
  hash32,
  HISTORY_MS,
  isoDate,
  KIND,
  MATERIALS,
  money,
  NOUNS,
  Rng,
  SIZES,
  slugify,
  STORE_NOW_MS,
  STORE_OPENED_MS,
  toSecond,
} from '../../seed';
import { cdnUrl, type ApiRecord, type SeedContext } from './context';
import { productBulkPricingRules, productVideos } from './productExtras';
import { DEFAULT_CHANNEL_ID, LEAF_CATEGORY_IDS, MARKETPLACE_CHANNEL_ID, SALE_CATEGORY_ID } from './taxonomy';

export const MAX_VARIANTS = 4;
export const MAX_IMAGES = 3;
export const MAX_CUSTOM_FIELDS = 2;
export const MAX_OPTIONS = 2;
export const MAX_OPTION_VALUES = 8;

/** Fixed names at fixed ids, so tests can count on LIKE/quote/unicode/zero-price edge cases. */
const EDGE_PRODUCTS: Record<number, { name: string; priceCents?: number }> = {
  3: { name: '100% Cotton Tote Bag' },
  5: { name: 'Snake_Case Mug' },
  7: { name: `O'Brien's "Best" Teapot` },
  11: { name: 'Crème Brûlée Café Mug ☕' },
  13: { name: 'Free Sample Pack', priceCents: 0 },
  17: { name: '50%_Off_Bundle' },
};

const NAME_SPACE = ADJECTIVES.length * MATERIALS.length * NOUNS.length;
/** A step coprime with NAME_SPACE (2^3·3^4·5^2·…): walking by it visits every name once. */
const NAME_STEP = 7919;

export interface ProductBasics {
  id: number;
  name: string;
  sku: string;
  type: 'physical' | 'digital';
  priceCents: number;
  costCents: number;
  weight: number;
  brandId: number;
  variantCount: number;
}

/** Names are unique per store (BigCommerce requires it): a bijection from id to word triple. */
function productName(ctx: SeedContext, id: number): string {
  const edge = EDGE_PRODUCTS[id];
  if (edge) return edge.name;
  const offset = hash32(ctx.seed, KIND.productBasics) % NAME_SPACE;
  const n = (((id - 1) % NAME_SPACE) * NAME_STEP + offset) % NAME_SPACE;
  const adj = ADJECTIVES[n % ADJECTIVES.length];
  const mat = MATERIALS[Math.floor(n / ADJECTIVES.length) % MATERIALS.length];
  const noun = NOUNS[Math.floor(n / (ADJECTIVES.length * MATERIALS.length))];
  const series = Math.floor((id - 1) / NAME_SPACE);
  return series === 0 ? `${adj} ${mat} ${noun}` : `${adj} ${mat} ${noun} (Series ${series + 1})`;
}

const VARIANT_COUNTS = [
  [1, 50],
  [2, 20],
  [3, 15],
  [4, 15],
] as const;
const PRICE_TIERS = [
  ['low', 60],
  ['mid', 30],
  ['high', 10],
] as const;
const CENT_ENDINGS = [0, 0, 50, 95, 99, 49, 25];

export function variantCountOf(ctx: SeedContext, id: number): number {
  return Rng.for(ctx.seed, KIND.productChildren, id).weighted(VARIANT_COUNTS);
}

export function productBasics(ctx: SeedContext, id: number): ProductBasics {
  const rng = Rng.for(ctx.seed, KIND.productBasics, id);
  const name = productName(ctx, id);
  const tier = rng.weighted(PRICE_TIERS);
  let priceCents =
    tier === 'low'
      ? rng.int(5, 49) * 100
      : tier === 'mid'
        ? rng.int(50, 199) * 100
        : rng.int(200, 1999) * 100;
  priceCents += rng.pick(CENT_ENDINGS);
  const edge = EDGE_PRODUCTS[id];
  if (edge?.priceCents !== undefined) priceCents = edge.priceCents;
  const type = rng.chance(0.1) ? 'digital' : 'physical';
  const nounCode =
    name
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase() || 'PRD';
  return {
    id,
    name,
    sku: `${nounCode}-${String(id).padStart(6, '0')}`,
    type,
    priceCents,
    costCents: Math.round(priceCents * (0.35 + rng.float() * 0.25)),
    weight: type === 'digital' ? 0 : Math.round((0.1 + rng.float() * 24.9) * 10) / 10,
    brandId: rng.chance(0.1) ? 0 : rng.int(1, BRAND_NAMES.length),
    variantCount: variantCountOf(ctx, id),
  };
}

/** Creation instants follow ids (BigCommerce ids are auto-increment), over the first 90% of history. */
function createdMs(ctx: SeedContext, id: number, rng: Rng): number {
  const n = Math.max(ctx.products, 1);
  const slot = HISTORY_MS * 0.9 * Math.min((id - 0.5) / n, 1);
  return toSecond(STORE_OPENED_MS + slot + rng.int(0, 3600) * 1000);
}

/** Every 40th product was touched by one bulk edit, so date_modified has real ties. */
const BULK_EDIT_MS = toSecond(STORE_NOW_MS - 30 * 24 * 3600 * 1000);

interface OptionDef {
  id: number;
  name: string;
  values: { id: number; label: string }[];
}

function optionDefs(ctx: SeedContext, id: number, variantCount: number): OptionDef[] {
  if (variantCount === 1) return [];
  const rng = Rng.for(ctx.seed, KIND.productChildren, id * 7 + 1);
  const colorStart = rng.int(0, COLORS.length - 1);
  const sizeStart = rng.int(0, SIZES.length - 3);
  let valueId = (id - 1) * MAX_OPTION_VALUES;
  const optionId = (k: number) => (id - 1) * MAX_OPTIONS + k + 1;
  const colors = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: ++valueId, label: COLORS[(colorStart + i) % COLORS.length] }));
  const sizes = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: ++valueId, label: SIZES[sizeStart + i] }));
  if (variantCount === 4) {
    return [
      { id: optionId(0), name: 'Color', values: colors(2) },
      { id: optionId(1), name: 'Size', values: sizes(2) },
    ];
  }
  return rng.chance(0.5)
    ? [{ id: optionId(0), name: 'Color', values: colors(variantCount) }]
    : [{ id: optionId(0), name: 'Size', values: sizes(variantCount) }];
}

/** The option value combinations, one per variant, in variant order. */
function combinations(options: OptionDef[]): { option: OptionDef; value: { id: number; label: string } }[][] {
  let combos: { option: OptionDef; value: { id: number; label: string } }[][] = [[]];
  for (const option of options) {
    combos = combos.flatMap((c) => option.values.map((value) => [...c, { option, value }]));
  }
  return combos;
}

export function productOptions(ctx: SeedContext, id: number): ApiRecord[] {
  const basics = productBasics(ctx, id);
  return optionDefs(ctx, id, basics.variantCount).map((o, i) => ({
    id: o.id,
    product_id: id,
    name: `${o.name}-${id}`,
    display_name: o.name,
    type: o.name === 'Color' ? 'swatch' : 'rectangles',
    sort_order: i,
    option_values: o.values.map((v, j) => ({
      id: v.id,
      label: v.label,
      sort_order: j,
      is_default: false,
      value_data: o.name === 'Color' ? { colors: [colorHex(v.label)] } : null,
    })),
    config: {},
  }));
}

function colorHex(label: string): string {
  const table: Record<string, string> = {
    Red: '#C0392B',
    Blue: '#2E86C1',
    Green: '#239B56',
    Black: '#000000',
    White: '#FFFFFF',
    Navy: '#1B2631',
    Sage: '#9CAF88',
    Mustard: '#E1AD01',
  };
  return table[label] ?? '#777777';
}

export function variantId(productId: number, k: number): number {
  return (productId - 1) * MAX_VARIANTS + k + 1;
}

export function productVariants(ctx: SeedContext, id: number): ApiRecord[] {
  const basics = productBasics(ctx, id);
  const options = optionDefs(ctx, id, basics.variantCount);
  const rng = Rng.for(ctx.seed, KIND.productChildren, id * 7 + 2);
  const tracking = inventoryTracking(ctx, id, basics.variantCount);
  return combinations(options).map((combo, k) => {
    const vid = variantId(id, k);
    // Variants of a complex product mostly inherit the product's price (null), as BigCommerce stores them.
    const ownPrice = combo.length > 0 && rng.chance(0.3) ? basics.priceCents + rng.int(1, 10) * 100 : null;
    const level =
      tracking === 'variant'
        ? rng.weighted([
            [0, 1],
            [rng.int(1, 200), 5],
          ])
        : 0;
    return {
      id: vid,
      product_id: id,
      sku:
        combo.length === 0
          ? basics.sku
          : `${basics.sku}-${combo
              .map((c) => slugify(c.value.label))
              .join('-')
              .toUpperCase()}`,
      sku_id: combo.length === 0 ? null : vid,
      price: ownPrice === null ? null : money(ownPrice),
      calculated_price: money(ownPrice ?? basics.priceCents),
      sale_price: null,
      retail_price: null,
      weight: combo.length === 0 ? basics.weight : null,
      calculated_weight: basics.weight,
      width: null,
      height: null,
      depth: null,
      is_free_shipping: false,
      fixed_cost_shipping_price: null,
      purchasing_disabled: rng.chance(0.05),
      purchasing_disabled_message: '',
      image_url: '',
      cost_price: money(basics.costCents),
      upc: rng.chance(0.5) ? null : String(rng.int(100000, 999999)) + String(rng.int(100000, 999999)),
      mpn: rng.chance(0.7) ? null : `MPN-${vid}`,
      gtin: null,
      inventory_level: level,
      inventory_warning_level: tracking === 'variant' ? 5 : 0,
      bin_picking_number: '',
      option_values: combo.map((c) => ({
        id: c.value.id,
        label: c.value.label,
        option_id: c.option.id,
        option_display_name: c.option.name,
      })),
    };
  });
}

function inventoryTracking(
  ctx: SeedContext,
  id: number,
  variantCount: number,
): 'none' | 'product' | 'variant' {
  const rng = Rng.for(ctx.seed, KIND.productChildren, id * 7 + 3);
  if (variantCount > 1 && rng.chance(0.5)) return 'variant';
  return rng.chance(0.5) ? 'none' : 'product';
}

export function productImages(ctx: SeedContext, id: number): ApiRecord[] {
  const rng = Rng.for(ctx.seed, KIND.productChildren, id * 7 + 4);
  const count = rng.weighted([
    [0, 20],
    [1, 40],
    [2, 25],
    [3, 15],
  ]);
  const slug = slugify(productName(ctx, id)) || 'product';
  const modified = isoDate(createdMs(ctx, id, Rng.for(ctx.seed, KIND.product, id)) + 60_000);
  return Array.from({ length: count }, (_, k) => {
    const imageId = (id - 1) * MAX_IMAGES + k + 1;
    const file = `${slug}__${rng.int(10000, 99999)}.jpg`;
    const at = (size: string) => cdnUrl(ctx, `/images/stencil/${size}/products/${id}/${imageId}/${file}?c=1`);
    return {
      id: imageId,
      product_id: id,
      is_thumbnail: k === 0,
      sort_order: k,
      description: k === 0 ? '' : `${productName(ctx, id)} — view ${k + 1}`,
      image_url: cdnUrl(ctx, `/product_images/${file}`),
      url_zoom: at('1280x1280'),
      url_standard: at('500x659'),
      url_thumbnail: at('100x100'),
      url_tiny: at('50x50'),
      date_modified: modified,
    };
  });
}

const CUSTOM_FIELDS: readonly (readonly [string, readonly string[]])[] = [
  ['Material', ['Cotton', 'Recycled polyester', 'Oak', 'Stainless steel']],
  ['Care', ['Machine wash cold', 'Hand wash only', 'Wipe clean']],
  ['Origin', ['Made in USA', 'Made in Portugal', 'Made in Japan']],
  ['Warranty', ['1 year', '2 years', 'Lifetime']],
];

export function productCustomFields(ctx: SeedContext, id: number): ApiRecord[] {
  const rng = Rng.for(ctx.seed, KIND.productChildren, id * 7 + 5);
  const count = rng.weighted([
    [0, 40],
    [1, 40],
    [2, 20],
  ]);
  const first = rng.int(0, CUSTOM_FIELDS.length - 1);
  return Array.from({ length: count }, (_, k) => {
    const [name, values] = CUSTOM_FIELDS[(first + k) % CUSTOM_FIELDS.length];
    return { id: (id - 1) * MAX_CUSTOM_FIELDS + k + 1, name, value: rng.pick(values) };
  });
}

/** Creation and modification instants: the first draws of the product's stream. */
function productDates(ctx: SeedContext, id: number, rng: Rng): { created: number; modified: number } {
  const created = createdMs(ctx, id, rng);
  let modified = toSecond(created + rng.float() * Math.max(STORE_NOW_MS - created, 0));
  if (id % 40 === 0 && created < BULK_EDIT_MS) modified = BULK_EDIT_MS;
  return { created, modified };
}

/** The seeded date_modified (epoch ms) without building the product. */
export function productModifiedMs(ctx: SeedContext, id: number): number {
  return productDates(ctx, id, Rng.for(ctx.seed, KIND.product, id)).modified;
}

/** The product itself, without sub-resources (those come with ?include=). */
export function buildProduct(ctx: SeedContext, id: number): ApiRecord {
  const b = productBasics(ctx, id);
  const rng = Rng.for(ctx.seed, KIND.product, id);
  const { created, modified } = productDates(ctx, id, rng);
  const tracking = inventoryTracking(ctx, id, b.variantCount);
  const onSale = rng.chance(0.15) && b.priceCents > 0;
  const saleCents = onSale ? Math.round(b.priceCents * 0.8) : 0;
  const retailCents = rng.chance(0.3) ? Math.round(b.priceCents * 1.25) : 0;
  const availability = rng.weighted([
    ['available', 90],
    ['preorder', 5],
    ['disabled', 5],
  ] as const);
  const categories = [rng.pick(LEAF_CATEGORY_IDS)];
  if (rng.chance(0.2)) {
    const second = rng.pick(LEAF_CATEGORY_IDS);
    if (second !== categories[0]) categories.push(second);
  }
  if (onSale && !categories.includes(SALE_CATEGORY_ID)) categories.push(SALE_CATEGORY_ID);
  let inventory = 0;
  if (tracking === 'product')
    inventory = rng.weighted([
      [0, 1],
      [rng.int(1, 500), 6],
    ]);
  if (tracking === 'variant') {
    for (const v of productVariants(ctx, id)) inventory += v.inventory_level as number;
  }
  const imported = rng.chance(0.3) ? isoDate(toSecond(created + rng.int(1, 90) * 86_400_000)) : undefined;
  const reviews = rng.weighted([
    [0, 6],
    [rng.int(1, 40), 4],
  ]);
  const slug = slugify(b.name) || `product-${id}`;
  const product: ApiRecord = {
    id,
    name: b.name,
    type: b.type,
    sku: b.sku,
    description: `<p>The ${b.name.replace(/</g, '&lt;')}: built to last.</p>`,
    weight: b.weight,
    width: b.type === 'digital' ? 0 : rng.int(1, 40),
    depth: b.type === 'digital' ? 0 : rng.int(1, 40),
    height: b.type === 'digital' ? 0 : rng.int(1, 40),
    price: money(b.priceCents),
    cost_price: money(b.costCents),
    retail_price: money(retailCents),
    sale_price: money(saleCents),
    map_price: 0,
    tax_class_id: rng.chance(0.2) ? 4 : 0,
    product_tax_code: '',
    calculated_price: money(onSale ? saleCents : b.priceCents),
    categories,
    brand_id: b.brandId,
    option_set_display: 'right',
    inventory_level: inventory,
    inventory_warning_level: tracking === 'none' ? 0 : rng.pick([0, 5, 10]),
    inventory_tracking: tracking,
    reviews_rating_sum: reviews * rng.int(3, 5),
    reviews_count: reviews,
    total_sold: rng.weighted([
      [0, 2],
      [rng.int(1, 2000), 8],
    ]),
    fixed_cost_shipping_price: 0,
    is_free_shipping: rng.chance(0.1),
    is_visible: rng.chance(0.85),
    is_featured: rng.chance(0.1),
    related_products: [-1],
    warranty: '',
    bin_picking_number: rng.chance(0.3) ? `${String.fromCharCode(65 + rng.int(0, 5))}-${rng.int(1, 40)}` : '',
    layout_file: 'product.html',
    upc: rng.chance(0.6) ? '' : String(rng.int(100000, 999999)) + String(rng.int(100000, 999999)),
    mpn: rng.chance(0.7) ? '' : `MPN-${String(id).padStart(5, '0')}`,
    gtin: '',
    search_keywords: rng.chance(0.3) ? slug.replace(/-/g, ',') : '',
    availability,
    availability_description: availability === 'preorder' ? 'Ships in 3–4 weeks' : '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: rng.weighted([
      ['New', 90],
      ['Used', 6],
      ['Refurbished', 4],
    ] as const),
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    date_created: isoDate(created),
    date_modified: isoDate(modified),
    view_count: rng.int(0, 10000),
    preorder_release_date:
      availability === 'preorder' ? isoDate(toSecond(STORE_NOW_MS + rng.int(7, 60) * 86_400_000)) : null,
    preorder_message: availability === 'preorder' ? 'Pre-order now' : '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    custom_url: { url: `/${slug}/`, is_customized: false },
    base_variant_id: b.variantCount === 1 ? variantId(id, 0) : null,
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
  };
  if (imported !== undefined) product.date_last_imported = imported;
  return product;
}

/** Sub-resources ?include= can add to a product (products_catalog.v3.yml, include parameter). */
export const PRODUCT_INCLUDES = [
  'variants',
  'images',
  'custom_fields',
  'bulk_pricing_rules',
  'primary_image',
  'modifiers',
  'options',
  'videos',
  'channels',
  'parent_relations',
  'reviews',
] as const;

export function withIncludes(ctx: SeedContext, product: ApiRecord, include: ReadonlySet<string>): ApiRecord {
  const id = product.id as number;
  if (include.has('variants')) product.variants = productVariants(ctx, id);
  if (include.has('images')) product.images = productImages(ctx, id);
  if (include.has('custom_fields')) product.custom_fields = productCustomFields(ctx, id);
  if (include.has('bulk_pricing_rules')) product.bulk_pricing_rules = productBulkPricingRules(ctx, id);
  if (include.has('primary_image')) {
    // The spec's primary_image names the file (image_file) where image records carry image_url.
    const thumb = productImages(ctx, id).find((i) => i.is_thumbnail);
    if (thumb) {
      const { image_url: url, ...rest } = thumb;
      product.primary_image = { ...rest, image_file: String(url).split('/product_images/')[1] };
    }
  }
  if (include.has('modifiers')) product.modifiers = [];
  // Options inside a product carry no `name` (product_Full); the options endpoint's do.
  if (include.has('options')) product.options = productOptions(ctx, id).map(({ name: _name, ...o }) => o);
  if (include.has('videos')) product.videos = productVideos(ctx, id);
  if (include.has('channels')) product.channels = productChannels(id);
  if (include.has('parent_relations')) product.parent_relations = [];
  return product;
}

/** Every product is listed on the storefront; every third also on the marketplace channel. */
export function productChannels(id: number): number[] {
  return id % 3 === 0 ? [DEFAULT_CHANNEL_ID, MARKETPLACE_CHANNEL_ID] : [DEFAULT_CHANNEL_ID];
}
