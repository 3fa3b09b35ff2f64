/**
 * Fields unique across a store's records (product names, customer emails): a duplicate is
 * refused, as BigCommerce refuses it. The index is built once from the live records and then
 * kept up to date by the writes; a mutate() (which changes records behind the writes' back)
 * makes it rebuild.
 */
import type { ApiRecord } from '../api/records/context';
import type { MutableResource, SimStore } from '../store';

interface FieldIndex {
  seedVersion: number;
  byValue: Map<string, number>;
}

const indexes = new WeakMap<SimStore, Map<string, FieldIndex>>();
const norm = (v: unknown) => String(v).trim().toLowerCase();

function recordOf(store: SimStore, resource: MutableResource, id: number): ApiRecord | undefined {
  if (resource === 'products') return store.product(id);
  return resource === 'customers' ? store.customer(id) : store.order(id);
}

function index(store: SimStore, resource: MutableResource, field: string): FieldIndex {
  const seedVersion = store.version - store.overlay.version;
  let perStore = indexes.get(store);
  if (!perStore) indexes.set(store, (perStore = new Map()));
  let idx = perStore.get(`${resource}.${field}`);
  if (!idx || idx.seedVersion !== seedVersion) {
    const byValue = new Map<string, number>();
    for (const id of store.ids(resource)) byValue.set(norm(recordOf(store, resource, id)![field]), id);
    idx = { seedVersion, byValue };
    perStore.set(`${resource}.${field}`, idx);
  }
  return idx;
}

/** The id of another record holding this value, if any. */
export function takenBy(
  store: SimStore,
  resource: MutableResource,
  field: string,
  value: unknown,
  self?: number,
): number | undefined {
  const owner = index(store, resource, field).byValue.get(norm(value));
  return owner !== undefined && owner !== self ? owner : undefined;
}

/** Records that record `id`'s value changed (`to` undefined: the record is gone). */
export function reindex(
  store: SimStore,
  resource: MutableResource,
  field: string,
  id: number,
  from: unknown,
  to: unknown,
): void {
  const idx = index(store, resource, field);
  if (from !== undefined && idx.byValue.get(norm(from)) === id) idx.byValue.delete(norm(from));
  if (to !== undefined) idx.byValue.set(norm(to), id);
}
