/**
 * v2 lists are bare arrays with no totals; past the last page the API answers 204 with an empty
 * body. With a count endpoint we ask for the count first and fetch exactly those pages
 * concurrently, then, if the last one was full (rows were added meanwhile), keep going one page
 * at a time until a short page. Without one, the first page is fetched alone (most v2 lists are
 * small) and, if it is full, further pages go out speculatively with the concurrency limit until a
 * short or empty page marks the end.
 */
import { unexpectedShapeError } from './apiErrors';
import type { PageScan } from './PageScan';
import { runPool } from './runPool';
import { topUp } from './topUp';

export async function listV2(scan: PageScan, concurrency: number, signal?: AbortSignal): Promise<void> {
  const { spec, pageSize } = scan;
  const limitPages = spec.limit !== undefined ? Math.ceil(spec.limit / pageSize) : Infinity;
  if (spec.countPath && spec.limit === undefined) {
    const count = await fetchCount(scan, signal, true);
    if (count === undefined) return;
    scan.noteTotal(count);
    scan.rowsShouldMatchTotal = true;
    const known = Math.ceil(count / pageSize);
    scan.plan(known, count);
    if (known > 0) await scanSpeculatively(scan, 1, known, concurrency, signal);
    return;
  }
  const first = await scan.fetchPage(1, signal, true);
  if (!first) return;
  scan.add(1, first.records);
  if (first.records.length >= pageSize && limitPages > 1)
    await scanSpeculatively(scan, 2, 0, concurrency, signal);
}

/**
 * Pages from `start` on: pages up to `known` all go out (within the concurrency limit); beyond
 * `known` only while nothing short has come back, and, when a count was known, only one page past
 * the full ones at a time, since the count says few rows can be there.
 */
export async function scanSpeculatively(
  scan: PageScan,
  start: number,
  known: number,
  concurrency: number,
  signal?: AbortSignal,
): Promise<void> {
  const { spec, pageSize } = scan;
  const limitPages = spec.limit !== undefined ? Math.ceil(spec.limit / pageSize) : Infinity;
  const ahead = known > 0 ? 1 : Infinity;
  let nextPage = start;
  await runPool({
    concurrency,
    signal,
    what: `GET ${spec.path}`,
    next: () => {
      const page = nextPage;
      if (page > limitPages || page > scan.endAt) return undefined;
      if (page > known && page > scan.fullThrough + ahead) return undefined;
      nextPage++;
      return page;
    },
    run: async (page, pageSignal) => {
      try {
        const res = await scan.fetchPage(page, pageSignal);
        scan.add(page, res?.records ?? []);
      } catch (err) {
        throw scan.incomplete(page, err);
      }
    },
  });
  await topUp(scan, nextPage - 1, (page) => page <= scan.endAt && scan.fullThrough >= page - 1, signal);
}

/** GET countPath with the list's filters → `{count}`; undefined for an allowed 404. */
export async function fetchCount(
  scan: PageScan,
  signal: AbortSignal | undefined,
  first: boolean,
): Promise<number | undefined> {
  const path = scan.spec.countPath as string;
  const res = await scan.get(path, { ...scan.spec.query }, signal, first);
  if (res.status === 404) return undefined;
  const count =
    res.json && typeof res.json === 'object' ? (res.json as { count?: unknown }).count : undefined;
  if (typeof count !== 'number') throw unexpectedShapeError({ method: 'GET', path }, 'a numeric "count"');
  return count;
}
