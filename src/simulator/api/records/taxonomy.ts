/**
 * Brands, categories and the category tree: small fixed sets, the same size in every store,
 * with edge-case names (quotes, %, _, accents, emoji) the SQL tests need.
 */
import { BRAND_NAMES, hash32, KIND, Rng, slugify } from '../../seed';
import { cdnUrl, type ApiRecord, type SeedContext } from './context';

export const DEFAULT_TREE_ID = 1;
export const DEFAULT_CHANNEL_ID = 1;
/** The marketplace channel (ids as in channels.v3.yml's example). */
export const MARKETPLACE_CHANNEL_ID = 664179;

export function buildBrands(ctx: SeedContext): ApiRecord[] {
  return BRAND_NAMES.map((name, i) => {
    const id = i + 1;
    const rng = Rng.for(ctx.seed, KIND.catalog, 1000 + id);
    const slug = slugify(name);
    return {
      id,
      name,
      page_title: rng.chance(0.5) ? `${name} | Official Store` : '',
      meta_keywords: rng.chance(0.3) ? [slug, 'brand'] : [],
      meta_description: '',
      search_keywords: rng.chance(0.4) ? slug.replace(/-/g, ',') : '',
      image_url: rng.chance(0.6)
        ? cdnUrl(ctx, `/product_images/k/${slug}__${rng.int(10000, 99999)}.png`)
        : '',
      custom_url: { url: `/brands/${slug}.html`, is_customized: false },
    };
  });
}

interface CategorySeed {
  id: number;
  parent: number;
  name: string;
  visible?: boolean;
}

/** A three-level tree; ids are stable so products can point at leaves. */
const CATEGORY_SEEDS: readonly CategorySeed[] = [
  { id: 1, parent: 0, name: 'Home & Kitchen' },
  { id: 2, parent: 1, name: 'Kitchen' },
  { id: 3, parent: 2, name: 'Cookware' },
  { id: 4, parent: 2, name: 'Tableware' },
  { id: 5, parent: 1, name: 'Décor' },
  { id: 6, parent: 5, name: 'Candles & Scents' },
  { id: 7, parent: 5, name: 'Frames_Art' },
  { id: 8, parent: 0, name: 'Apparel' },
  { id: 9, parent: 8, name: "Men's" },
  { id: 10, parent: 8, name: "Women's" },
  { id: 11, parent: 8, name: "Kids' & Baby" },
  { id: 12, parent: 0, name: 'Office' },
  { id: 13, parent: 12, name: 'Stationery' },
  { id: 14, parent: 12, name: 'Desks & Chairs' },
  { id: 15, parent: 0, name: 'Outdoors' },
  { id: 16, parent: 15, name: 'Camping' },
  { id: 17, parent: 15, name: 'Garden' },
  { id: 18, parent: 0, name: 'Electronics' },
  { id: 19, parent: 18, name: 'Audio' },
  { id: 20, parent: 18, name: 'Wearables' },
  { id: 21, parent: 0, name: 'Clearance 50% Off' },
  { id: 22, parent: 0, name: 'Archive (hidden)', visible: false },
  { id: 23, parent: 0, name: 'Über Gifts 🎁' },
  { id: 24, parent: 0, name: 'Shop All' },
];

/** Categories a product may be filed under (leaves plus the sale bin). */
export const LEAF_CATEGORY_IDS: readonly number[] = CATEGORY_SEEDS.filter(
  (c) => !CATEGORY_SEEDS.some((d) => d.parent === c.id),
).map((c) => c.id);
export const SALE_CATEGORY_ID = 21;

function categoryPath(c: CategorySeed): string {
  const parts: string[] = [];
  for (let cur: CategorySeed | undefined = c; cur; cur = CATEGORY_SEEDS.find((x) => x.id === cur!.parent)) {
    parts.unshift(slugify(cur.name));
  }
  return `/${parts.join('/')}/`;
}

interface CategoryCommon {
  id: number;
  parent_id: number;
  name: string;
  description: string;
  views: number;
  sort_order: number;
  page_title: string;
  meta_keywords: string[];
  meta_description: string;
  layout_file: string;
  image_url: string;
  is_visible: boolean;
  search_keywords: string;
  default_product_sort: string;
  path: string;
  uuid: string;
}

function categoryCommon(ctx: SeedContext): CategoryCommon[] {
  return CATEGORY_SEEDS.map((c, i) => {
    const rng = Rng.for(ctx.seed, KIND.catalog, 2000 + c.id);
    return {
      id: c.id,
      parent_id: c.parent,
      name: c.name,
      description: rng.chance(0.5) ? `<p>Everything in ${c.name}.</p>` : '',
      views: rng.int(0, 5000),
      sort_order: i,
      page_title: rng.chance(0.4) ? `${c.name} | Shop` : '',
      meta_keywords: [],
      meta_description: '',
      layout_file: 'category.html',
      image_url: '',
      is_visible: c.visible ?? true,
      search_keywords: '',
      default_product_sort: 'use_store_settings',
      path: categoryPath(c),
      uuid: new Rng(hash32(ctx.seed, KIND.catalog, 3000 + c.id)).uuid(),
    };
  });
}

/** Fields both category endpoints carry under the same names. */
function sharedCategoryFields(c: ReturnType<typeof categoryCommon>[number]): ApiRecord {
  return {
    name: c.name,
    description: c.description,
    views: c.views,
    sort_order: c.sort_order,
    page_title: c.page_title,
    meta_keywords: c.meta_keywords,
    meta_description: c.meta_description,
    layout_file: c.layout_file,
    image_url: c.image_url,
    is_visible: c.is_visible,
    search_keywords: c.search_keywords,
    default_product_sort: c.default_product_sort,
  };
}

/** /v3/catalog/categories (the default tree's categories, per categories_catalog.v3.yml). */
export function buildCategories(ctx: SeedContext): ApiRecord[] {
  return categoryCommon(ctx).map((c) => ({
    id: c.id,
    parent_id: c.parent_id,
    ...sharedCategoryFields(c),
    custom_url: { url: c.path, is_customized: false },
  }));
}

/** /v3/catalog/trees/categories (category-trees_catalog.v3.yml: category_id, tree_id, url.path …). */
export function buildTreeCategories(ctx: SeedContext): ApiRecord[] {
  return categoryCommon(ctx).map((c) => ({
    category_id: c.id,
    category_uuid: c.uuid,
    parent_id: c.parent_id,
    tree_id: DEFAULT_TREE_ID,
    ...sharedCategoryFields(c),
    url: { path: c.path, is_customized: false },
  }));
}

export function buildTrees(): ApiRecord[] {
  return [{ id: DEFAULT_TREE_ID, name: 'Default', channels: [DEFAULT_CHANNEL_ID] }];
}
