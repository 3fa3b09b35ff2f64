import type { RequestLabel } from './apiErrors';
import { unexpectedShapeError } from './apiErrors';

export type ApiRecord = Record<string, unknown>;

/**
 * The records in a list response. An empty body (v2's 204 past the last page) holds none; a
 * records property may be a dotted path; a single object (a get-by-id or a settings endpoint) is
 * one record.
 */
export function extractRecords(
  json: unknown,
  recordsPath: string | undefined,
  req: RequestLabel,
): ApiRecord[] {
  if (json === undefined || json === null || json === '') return [];
  let value: unknown = json;
  if (recordsPath) {
    if (typeof json !== 'object' || Array.isArray(json))
      throw unexpectedShapeError(req, `an object with "${recordsPath}"`);
    for (const key of recordsPath.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === undefined) throw unexpectedShapeError(req, `"${recordsPath}"`);
    if (value === null) return [];
  }
  if (Array.isArray(value)) return value.filter((r): r is ApiRecord => r !== null && typeof r === 'object');
  if (typeof value === 'object') return [value as ApiRecord];
  throw unexpectedShapeError(req, 'records');
}

/** v3 `meta.pagination`, when present and numeric. */
export function readPagination(json: unknown): { total: number; totalPages: number } | undefined {
  const meta =
    json && typeof json === 'object'
      ? (json as { meta?: { pagination?: Record<string, unknown> } }).meta
      : undefined;
  const p = meta?.pagination;
  if (!p || typeof p.total !== 'number') return undefined;
  const totalPages = typeof p.total_pages === 'number' ? p.total_pages : undefined;
  const perPage = typeof p.per_page === 'number' && p.per_page > 0 ? p.per_page : undefined;
  if (totalPages === undefined && perPage === undefined) return undefined;
  return { total: p.total, totalPages: totalPages ?? Math.ceil(p.total / (perPage as number)) };
}
