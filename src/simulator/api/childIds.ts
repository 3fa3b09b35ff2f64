/**
 * Ids of child records listed across all parents (/v3/catalog/variants, /v3/customers/addresses).
 * A child id encodes its parent ((parent-1)*max+k+1), so listing needs only each parent's child
 * count — but that is one generator call per parent, so the full list is cached per store and
 * kept until mutate() changes the store's version.
 */
import type { SimStore } from '../store';

const cache = new WeakMap<SimStore, Map<string, { version: number; ids: number[] }>>();

export function childIds(
  store: SimStore,
  kind: string,
  parents: readonly number[],
  countOf: (parentId: number) => number,
  maxPerParent: number,
  /** Only these parents (a parent filter): computed directly, not cached. */
  only?: ReadonlySet<number>,
): number[] {
  const compute = (list: readonly number[]) => {
    const ids: number[] = [];
    for (const p of list) {
      const n = countOf(p);
      for (let k = 0; k < n; k++) ids.push((p - 1) * maxPerParent + k + 1);
    }
    return ids;
  };
  if (only) return compute(parents.filter((p) => only.has(p)));
  let perStore = cache.get(store);
  if (!perStore) cache.set(store, (perStore = new Map()));
  const hit = perStore.get(kind);
  if (hit && hit.version === store.version) return hit.ids;
  const ids = compute(parents);
  perStore.set(kind, { version: store.version, ids });
  return ids;
}

/** `product_id:in=1,2` → {1, 2}; undefined when the parameter is absent. */
export function parentFilter(query: URLSearchParams, param: string): Set<number> | undefined {
  const raw = query.get(param);
  return raw === null ? undefined : new Set(raw.split(',').map((s) => Number(s.trim())));
}

/** `ids` with the children written through the API: deleted ones out, created ones (of live parents) in. */
export function withWrittenChildren(
  store: SimStore,
  kind: string,
  parentKind: 'products' | 'customers',
  ids: number[],
  maxPerParent: number,
  only?: ReadonlySet<number>,
): number[] {
  if (!store.overlay.touched(kind)) return ids;
  const { deleted, created } = store.overlay.childChanges(kind);
  const added = [...created]
    .filter(([, parent]) => store.has(parentKind, parent) && (!only || only.has(parent)))
    .map(([id]) => id);
  // A parent created through the API has no seeded children, whatever its id would encode.
  const seeded = (id: number) =>
    !store.overlay.isCreated(parentKind, Math.floor((id - 1) / maxPerParent) + 1);
  return [...ids.filter((id) => !deleted.has(id) && seeded(id)), ...added].sort((a, b) => a - b);
}

/** The parent of a child id: looked up for children created through the API, else decoded. */
export function parentOfChild(store: SimStore, kind: string, id: number, maxPerParent: number): number {
  return store.overlay.parentOf(kind, id) ?? Math.floor((id - 1) / maxPerParent) + 1;
}
