/**
 * Cursor lists (channel listings): a page names the next one only in
 * `meta.pagination.links.next` (`?after=…`), so pages are fetched one after another until a page
 * names no next page, comes back empty, or the limit is reached.
 */
import { extractRecords, readPagination } from './extractRecords';
import type { PageScan } from './PageScan';

export async function listCursor(scan: PageScan, signal?: AbortSignal): Promise<void> {
  const { spec, pageSize } = scan;
  let after: string | undefined;
  for (let page = 1; ; page++) {
    const query = { ...spec.query, limit: pageSize, ...(after === undefined ? {} : { after }) };
    const res = await scan.get(spec.path, query, signal, page === 1);
    if (res.status === 404) return;
    const records = extractRecords(res.json, spec.records ?? 'data', { method: 'GET', path: spec.path });
    if (page === 1) {
      const total = readPagination(res.json)?.total ?? null;
      scan.noteTotal(total ?? 0);
      scan.plan(null, total);
    }
    scan.add(page, records);
    after = nextCursor(res.json);
    const enough = spec.limit !== undefined && scan.rowsFetched >= spec.limit;
    if (after === undefined || records.length === 0 || enough) return;
  }
}

/** The `after` cursor of `meta.pagination.links.next`, or undefined on the last page. */
export function nextCursor(json: unknown): string | undefined {
  const links = (json as { meta?: { pagination?: { links?: { next?: unknown } } } } | undefined)?.meta
    ?.pagination?.links;
  if (typeof links?.next !== 'string' || links.next === '') return undefined;
  const after = new URLSearchParams(links.next.replace(/^[^?]*\?/, '')).get('after');
  return after === null || after === '' ? undefined : after;
}
