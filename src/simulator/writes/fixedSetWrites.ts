/**
 * Writes to the store's small fixed sets — brands, categories, customer groups, coupons, price
 * lists — which the store holds as live arrays: POST one, PUT one by id, DELETE one, and DELETE
 * several with `id:in`. New ids continue after the highest ever given (never reused, as
 * BigCommerce's auto-increment ids are not). A name that must be unique answers 409 when taken.
 */
import type { ApiRecord } from '../api/records/context';
import { v2NotFound, v2One, v3NotFound, v3One } from '../api/respond';
import type { RouteCall } from '../api/route';
import { editClock } from '../edits';
import type { FixedSetName, SimStore } from '../store';
import type { ApiReply } from '../types';
import { blankLike, idsParam, knownFields } from './newRecord';
import { v3Fail } from './replies';

export interface SetSpec {
  set: FixedSetName;
  /** "brand", "coupon" … for messages. */
  what: string;
  v2?: boolean;
  /** Fields two records may not share (case-insensitively). */
  unique?: string[];
  readOnly?: string[];
  /** Values a new record has unless the body says otherwise. */
  defaults?: ApiRecord;
  /** Fields a new record derives from its body (a custom_url from the name …). */
  derive?: (body: ApiRecord) => ApiRecord;
  /** The date fields a write sets, from the moment it happens (epoch ms). */
  stamp?: (ms: number, created: boolean) => ApiRecord;
  /** The status a successful POST answers (200 unless the spec says 201). */
  createdStatus?: number;
}

const highest = new WeakMap<ApiRecord[], number>();

function highestId(records: ApiRecord[]): number {
  const seen = Math.max(highest.get(records) ?? 0, ...records.map((r) => r.id as number));
  highest.set(records, seen);
  return seen;
}

function nextId(records: ApiRecord[]): number {
  const id = highestId(records) + 1;
  highest.set(records, id);
  return id;
}

function taken(spec: SetSpec, records: ApiRecord[], body: ApiRecord, self?: number): ApiReply | undefined {
  for (const field of spec.unique ?? []) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    const clash = records.find(
      (r) => r.id !== self && String(r[field]).toLowerCase() === value.toLowerCase(),
    );
    if (!clash) continue;
    const title = `A ${spec.what} with ${field} "${value}" already exists (id ${String(clash.id)}).`;
    return spec.v2
      ? { status: 409, body: [{ status: 409, message: title }] }
      : v3Fail(409, title, { [field]: title });
  }
  return undefined;
}

const one = (spec: SetSpec, record: ApiRecord, status = 200): ApiReply =>
  spec.v2 ? { ...v2One(structuredClone(record)), status } : { ...v3One(structuredClone(record)), status };
const notFound = (spec: SetSpec): ApiReply => (spec.v2 ? v2NotFound() : v3NotFound(spec.what));

export function postToSet(spec: SetSpec) {
  return ({ store, req }: RouteCall): ApiReply => {
    const records = store.fixedSet(spec.set);
    const body = req.body as ApiRecord;
    const clash = taken(spec, records, body);
    if (clash) return clash;
    const shape = records[0] ?? {};
    const record: ApiRecord = {
      ...blankLike(shape),
      ...(spec.defaults ?? {}),
      ...(spec.derive?.(body) ?? {}),
      ...knownFields(body, shape, spec.readOnly),
      id: nextId(records),
      ...(spec.stamp?.(editClock(), true) ?? {}),
    };
    records.push(record);
    store.overlay.version++;
    return one(spec, record, spec.createdStatus);
  };
}

export function putToSet(spec: SetSpec) {
  return ({ store, req, params }: RouteCall): ApiReply => {
    const records = store.fixedSet(spec.set);
    const record = records.find((r) => r.id === params[0]);
    if (!record) return notFound(spec);
    const body = req.body as ApiRecord;
    const clash = taken(spec, records, body, params[0]);
    if (clash) return clash;
    Object.assign(record, knownFields(body, record, spec.readOnly), spec.stamp?.(editClock(), false) ?? {});
    store.overlay.version++;
    return one(spec, record);
  };
}

function removeFrom(store: SimStore, spec: SetSpec, id: number): boolean {
  const records = store.fixedSet(spec.set);
  const i = records.findIndex((r) => r.id === id);
  if (i < 0) return false;
  highestId(records); // remembered before it can leave the set
  records.splice(i, 1);
  store.overlay.version++;
  return true;
}

export function deleteFromSet(spec: SetSpec) {
  return ({ store, params }: RouteCall): ApiReply =>
    removeFrom(store, spec, params[0]) ? { status: 204 } : notFound(spec);
}

/** DELETE with `id:in`: unknown ids are ignored (204 all the same); no filter is refused. */
export function deleteManyFromSet(spec: SetSpec) {
  return ({ store, req }: RouteCall): ApiReply => {
    const ids = idsParam(req.query);
    if (ids === undefined || ids.length === 0) {
      const title = `A filter is required to delete ${spec.what}s (for example ?id:in=1,2,3).`;
      return spec.v2 ? { status: 400, body: [{ status: 400, message: title }] } : v3Fail(422, title);
    }
    for (const id of ids) removeFrom(store, spec, id);
    return { status: 204 };
  };
}
