/**
 * What writes through the API changed in a running store. Seeded records are built from
 * (seed, id) on every read (store.ts), so a write cannot edit them in place: it is kept here and
 * laid over the built record on the way out. Top-level records keep the fields written (the
 * whole record for one created through the API); child records (a product's variants, a
 * customer's addresses …) keep per parent the children changed, deleted and created.
 */
import type { ApiRecord } from '../api/records/context';

/** Children created through the API get ids from here up, far above any seeded child id. */
export const CREATED_CHILD_BASE = 10_000_001;

interface ChildSet {
  patches: Map<number, ApiRecord>;
  deleted: Set<number>;
  created: ApiRecord[];
}

export class StoreOverlay {
  /** Bumped by every write, so caches keyed on the store's version see it. */
  version = 0;
  /** Orders archived (DELETE /v2/orders/{id}): lists leave them out unless asked for is_deleted=true. */
  readonly archivedOrders = new Set<number>();
  private readonly patches = new Map<string, Map<number, ApiRecord>>();
  private readonly kids = new Map<string, Map<number, ChildSet>>();
  private readonly childParents = new Map<string, Map<number, number>>();
  private readonly nextChild = new Map<string, number>();
  private readonly createdIds = new Map<string, Set<number>>();
  private readonly keyed = new Map<string, Map<number, Map<string, ApiRecord | null>>>();

  /** Marks a top-level record as created through the API (it has no seeded children). */
  markCreated(collection: string, id: number): void {
    let ids = this.createdIds.get(collection);
    if (!ids) this.createdIds.set(collection, (ids = new Set()));
    ids.add(id);
  }

  isCreated(collection: string, id: number): boolean {
    return this.createdIds.get(collection)?.has(id) ?? false;
  }

  /** The record as written: `base` with the fields written over it. */
  apply(collection: string, id: number, base: () => ApiRecord): ApiRecord {
    const patch = this.patches.get(collection)?.get(id);
    return patch ? { ...base(), ...structuredClone(patch) } : base();
  }

  /** The fields written to record `id`, if any. */
  written(collection: string, id: number): ApiRecord | undefined {
    return this.patches.get(collection)?.get(id);
  }

  /** Records `fields` as written to record `id` (merged with earlier writes). */
  write(collection: string, id: number, fields: ApiRecord): void {
    let m = this.patches.get(collection);
    if (!m) this.patches.set(collection, (m = new Map()));
    m.set(id, { ...(m.get(id) ?? {}), ...structuredClone(fields) });
    this.version++;
  }

  /** Forgets what was written to a deleted record. */
  forget(collection: string, id: number): void {
    this.patches.get(collection)?.delete(id);
    this.version++;
  }

  /** A parent's children: the seeded ones (none for a parent created through the API) as changed, then the created ones. */
  children(kind: string, parentId: number, seeded: () => ApiRecord[]): ApiRecord[] {
    const set = this.kids.get(kind)?.get(parentId);
    if (!set) return seeded();
    const kept = seeded()
      .filter((c) => !set.deleted.has(c.id as number))
      .map((c) => {
        const p = set.patches.get(c.id as number);
        return p ? { ...c, ...structuredClone(p) } : c;
      });
    return [...kept, ...set.created.map((c) => structuredClone(c))];
  }

  /** A new child of `parentId`: its id is allocated here. */
  addChild(kind: string, parentId: number, build: (id: number) => ApiRecord): ApiRecord {
    const id = this.nextChild.get(kind) ?? CREATED_CHILD_BASE;
    this.nextChild.set(kind, id + 1);
    const record = build(id);
    this.set(kind, parentId).created.push(structuredClone(record));
    let parents = this.childParents.get(kind);
    if (!parents) this.childParents.set(kind, (parents = new Map()));
    parents.set(id, parentId);
    this.version++;
    return record;
  }

  /** Fields written to an existing child. */
  writeChild(kind: string, parentId: number, childId: number, fields: ApiRecord): void {
    const set = this.set(kind, parentId);
    const created = set.created.find((c) => c.id === childId);
    if (created) Object.assign(created, structuredClone(fields));
    else set.patches.set(childId, { ...(set.patches.get(childId) ?? {}), ...structuredClone(fields) });
    this.version++;
  }

  deleteChild(kind: string, parentId: number, childId: number): void {
    const set = this.set(kind, parentId);
    const i = set.created.findIndex((c) => c.id === childId);
    if (i >= 0) set.created.splice(i, 1);
    else set.deleted.add(childId);
    this.childParents.get(kind)?.delete(childId);
    this.version++;
  }

  /** The parent of a child created through the API (seeded child ids encode their parent instead). */
  parentOf(kind: string, childId: number): number | undefined {
    return this.childParents.get(kind)?.get(childId);
  }

  /** Whether any child of this kind was written, so listing across parents must look here. */
  touched(kind: string): boolean {
    return (this.kids.get(kind)?.size ?? 0) > 0;
  }

  /** Seeded child ids deleted, and ids of children created (with their parents), for cross-parent lists. */
  childChanges(kind: string): { deleted: Set<number>; created: Map<number, number> } {
    const deleted = new Set<number>();
    for (const set of this.kids.get(kind)?.values() ?? []) for (const d of set.deleted) deleted.add(d);
    return { deleted, created: new Map(this.childParents.get(kind) ?? []) };
  }

  /** Children identified by a key rather than an id (price records: variant and currency): `null` deletes. */
  putKeyed(kind: string, parentId: number, key: string, record: ApiRecord | null): void {
    let byParent = this.keyed.get(kind);
    if (!byParent) this.keyed.set(kind, (byParent = new Map()));
    let m = byParent.get(parentId);
    if (!m) byParent.set(parentId, (m = new Map()));
    m.set(key, record && structuredClone(record));
    this.version++;
  }

  /** Keyed children: the seeded ones replaced or deleted by key, then the new ones. */
  keyedChildren(
    kind: string,
    parentId: number,
    seeded: ApiRecord[],
    keyOf: (r: ApiRecord) => string,
  ): ApiRecord[] {
    const m = this.keyed.get(kind)?.get(parentId);
    if (!m) return seeded;
    const seen = new Set<string>();
    const out: ApiRecord[] = [];
    for (const r of seeded) {
      const key = keyOf(r);
      seen.add(key);
      const w = m.get(key);
      if (w === undefined) out.push(r);
      else if (w !== null) out.push(structuredClone(w));
    }
    for (const [key, w] of m) if (!seen.has(key) && w !== null) out.push(structuredClone(w));
    return out;
  }

  private set(kind: string, parentId: number): ChildSet {
    let byParent = this.kids.get(kind);
    if (!byParent) this.kids.set(kind, (byParent = new Map()));
    let set = byParent.get(parentId);
    if (!set) byParent.set(parentId, (set = { patches: new Map(), deleted: new Set(), created: [] }));
    return set;
  }
}
