/**
 * v3 lists: the first page reports `meta.pagination.total_pages`, then the remaining pages go out
 * concurrently. A page reporting more pages than planned (rows were added mid-scan) extends the
 * scan; a limit caps it at the pages the limit needs.
 */
import type { PageScan } from './PageScan';
import { readPagination } from './extractRecords';
import { scanSpeculatively } from './listV2';
import { runPool } from './runPool';
import { topUp } from './topUp';

export async function listV3(scan: PageScan, concurrency: number, signal?: AbortSignal): Promise<void> {
  const { spec, pageSize } = scan;
  const first = await scan.fetchPage(1, signal, true);
  if (!first) return;
  const limitPages = spec.limit !== undefined ? Math.ceil(spec.limit / pageSize) : Infinity;
  const pagination = readPagination(first.json);
  if (!pagination) {
    // No meta: page until a short page, as for v2.
    scan.add(1, first.records);
    if (first.records.length >= pageSize && limitPages > 1)
      await scanSpeculatively(scan, 2, 0, concurrency, signal);
    return;
  }
  scan.noteTotal(pagination.total);
  let want = Math.min(pagination.totalPages, limitPages);
  let lastPages = pagination.totalPages;
  scan.plan(want, pagination.total);
  scan.add(1, first.records);
  let nextPage = 2;
  await runPool({
    concurrency,
    signal,
    what: `GET ${spec.path}`,
    next: () => (nextPage <= want ? nextPage++ : undefined),
    run: async (page, pageSignal) => {
      try {
        const res = await scan.fetchPage(page, pageSignal);
        const seen = readPagination(res?.json);
        if (seen) {
          lastPages = seen.totalPages;
          scan.noteTotal(seen.total);
          if (seen.totalPages > want && want < limitPages) {
            want = Math.min(seen.totalPages, limitPages);
            scan.plan(want, seen.total);
          }
        }
        scan.add(page, res?.records ?? []);
      } catch (err) {
        throw scan.incomplete(page, err);
      }
    },
  });
  await topUp(scan, want, (page) => page <= lastPages, signal);
}
