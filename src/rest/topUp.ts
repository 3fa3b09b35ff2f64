/**
 * With a LIMIT, the pages the limit needs can hold fewer distinct rows than it asks for when the
 * store moves during the scan (a row shifts onto the next page and is read twice). Fetch further
 * pages, one at a time, until the limit is met or the list ends.
 */
import type { PageScan } from './PageScan';

export async function topUp(
  scan: PageScan,
  lastPage: number,
  hasMore: (page: number) => boolean,
  signal?: AbortSignal,
): Promise<void> {
  const limit = scan.spec.limit;
  if (limit === undefined) return;
  for (let page = lastPage + 1; scan.uniqueRows() < limit && hasMore(page); page++) {
    try {
      const res = await scan.fetchPage(page, signal);
      scan.add(page, res?.records ?? []);
    } catch (err) {
      throw scan.incomplete(page, err);
    }
  }
}
