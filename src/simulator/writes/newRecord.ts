/**
 * Records created through the API take the shape of the seeded records of the same kind (so
 * they serve the same fields a GET of a seeded one does): every field present, empty unless the
 * body or the endpoint's defaults give it a value.
 */
import type { ApiRecord } from '../api/records/context';

/** A copy of `template` with each value emptied: '' / 0 / false / [] / null, objects field by field. */
export function blankLike(template: ApiRecord): ApiRecord {
  const out: ApiRecord = {};
  for (const [k, v] of Object.entries(template)) out[k] = blank(v);
  return out;
}

function blank(v: unknown): unknown {
  if (typeof v === 'string') return '';
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return false;
  if (Array.isArray(v)) return [];
  if (v && typeof v === 'object') return blankLike(v as ApiRecord);
  return null;
}

/** The fields of `body` the record has (others are ignored, as BigCommerce ignores unknown fields), except `id`. */
export function knownFields(body: unknown, template: ApiRecord, readOnly: readonly string[] = []): ApiRecord {
  const out: ApiRecord = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as ApiRecord)) {
    if (k !== 'id' && k in template && !readOnly.includes(k) && v !== undefined) out[k] = structuredClone(v);
  }
  return out;
}

/** The rows of a batch body (validated already as an array of objects). */
export function rows(body: unknown): ApiRecord[] {
  return Array.isArray(body) ? (body as ApiRecord[]) : [];
}

/** `id:in=1,2,3` → [1, 2, 3]; undefined when absent; NaN entries dropped. */
export function idsParam(query: URLSearchParams, name = 'id:in'): number[] | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return raw
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}
