/**
 * Changes made to a running store after seeding (mutate() 'modify' and 'append'): records stay
 * built from (seed, id), and an edit is an overlay applied on the way out, so a store of 100,000
 * rows can be changed without holding its records. As on BigCommerce, a change stamps
 * date_modified with the moment it happened (a new record gets date_created too), which is what
 * incremental readers filter on; editing a product also changes its variants, as a price change
 * does on a real store.
 */
import type { ApiRecord } from './api/records/context';
import { isoDate, rfc2822, STORE_NOW_MS, toSecond } from './seed';

export interface Edit {
  /** 0 for a record created after seeding and not changed since; 1, 2 … per modification. */
  rev: number;
  /** When it happened (epoch ms, whole seconds). */
  at: number;
  /** Appended after seeding: date_created is the moment of creation. */
  created?: number;
}

/** The moment of a change: the wall clock, never before the seeded store's "now". */
export function editClock(at?: number): number {
  return toSecond(at ?? Math.max(Date.now(), STORE_NOW_MS + 1000));
}

export function reviseProduct(p: ApiRecord, e: Edit | undefined): ApiRecord {
  if (!e) return p;
  const out: ApiRecord = { ...p, date_modified: isoDate(e.at) };
  if (e.created !== undefined) out.date_created = isoDate(e.created);
  if (e.rev > 0) {
    out.name = `${String(p.name)} (rev ${e.rev})`;
    out.price = Math.round(((p.price as number) + e.rev) * 100) / 100;
  }
  return out;
}

export function reviseVariants(variants: ApiRecord[], e: Edit | undefined): ApiRecord[] {
  if (!e || e.rev === 0) return variants;
  return variants.map((v) => ({ ...v, bin_picking_number: `BIN-R${e.rev}` }));
}

export function reviseCustomer(c: ApiRecord, e: Edit | undefined): ApiRecord {
  if (!e) return c;
  const out: ApiRecord = { ...c, date_modified: isoDate(e.at) };
  if (e.created !== undefined) out.date_created = isoDate(e.created);
  if (e.rev > 0) out.notes = `edited (rev ${e.rev})`;
  return out;
}

export function reviseOrder(o: ApiRecord, e: Edit | undefined): ApiRecord {
  if (!e) return o;
  const out: ApiRecord = { ...o, date_modified: rfc2822(e.at) };
  if (e.created !== undefined) out.date_created = rfc2822(e.created);
  if (e.rev > 0) out.staff_notes = `edited (rev ${e.rev})`;
  return out;
}
