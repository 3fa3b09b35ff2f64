/**
 * The state of one list scan: pages received (kept by page number so concurrent pages come back
 * in order), what the API said the total was, progress events, and the two ways a scan can end
 * badly: a page that failed (ERR_INCOMPLETE_RESULT, never partial rows) or data that moved while
 * we read it (duplicates dropped, a warning).
 */
import { ApiError } from '../errors';
import type { Logger } from '../log';
import type { ProgressEvent } from '../types';
import type { ApiResponse, ListResult, ListSpec } from './types';
import type { SendOptions } from './sendRequest';
import { extractRecords, type ApiRecord } from './extractRecords';

export interface ScanDeps {
  send(opts: SendOptions): Promise<ApiResponse>;
  logger: Logger;
  onProgress?: (p: ProgressEvent) => void;
  /** Hand records over page by page, in page order, instead of returning them at the end. */
  onRecords?: (records: ApiRecord[]) => void;
}

type Query = Record<string, string | number | boolean>;

export class PageScan {
  /** Records per request: the spec's page size, shrunk to the limit when that is smaller. */
  readonly pageSize: number;
  rowsFetched = 0;
  pagesFetched = 0;
  pagesTotal: number | null = null;
  rowsTotal: number | null = null;
  /** Lowest page number that came back short or empty: nothing lies beyond it. */
  endAt = Infinity;
  /** Pages 1..fullThrough all came back full. */
  fullThrough = 0;
  /** v2 with a count: the rows fetched should add up to the count. */
  rowsShouldMatchTotal = false;
  /** Pages received and not yet handed over (all of them when not streaming). */
  readonly #pages = new Map<number, ApiRecord[]>();
  readonly #pageLengths = new Map<number, number>();
  readonly #totals: number[] = [];
  /** Next page to hand over to onRecords; later pages wait in `pages` until it arrives. */
  #nextToHand = 1;
  readonly #seen = new Set<string>();
  #dropped = 0;
  /** Records kept (after duplicates, before the limit cut). */
  #kept = 0;

  readonly #deps: ScanDeps;

  constructor(
    readonly spec: ListSpec,
    deps: ScanDeps,
  ) {
    this.#deps = deps;
    this.pageSize =
      spec.limit !== undefined
        ? Math.max(1, Math.min(spec.pageSize, spec.limit))
        : Math.max(1, spec.pageSize);
  }

  /** One GET under the scan's table and scope; a 404 on the first request may mean "no rows". */
  get(path: string, query: Query, signal: AbortSignal | undefined, first: boolean): Promise<ApiResponse> {
    return this.#deps.send({
      method: 'GET',
      path,
      query,
      signal,
      scope: this.spec.scope,
      table: this.spec.table,
      allow404: first && this.spec.allow404,
      onRateLimitWait: (ms) => this.#emit(ms),
    });
  }

  /** Records of one page plus the raw body; undefined when the first page was an allowed 404. */
  async fetchPage(
    page: number,
    signal: AbortSignal | undefined,
    first = false,
  ): Promise<{ records: ApiRecord[]; json: unknown } | undefined> {
    const res = await this.get(
      this.spec.path,
      { ...this.spec.query, page, limit: this.pageSize },
      signal,
      first,
    );
    if (res.status === 404) return undefined;
    const records = extractRecords(res.json, this.#recordsPath(), { method: 'GET', path: this.spec.path });
    return { records, json: res.json };
  }

  add(page: number, records: ApiRecord[]): void {
    this.#pages.set(page, records);
    this.#pageLengths.set(page, records.length);
    this.pagesFetched++;
    this.rowsFetched += records.length;
    if (records.length < this.pageSize) this.endAt = Math.min(this.endAt, page);
    while ((this.#pageLengths.get(this.fullThrough + 1) ?? -1) >= this.pageSize) this.fullThrough++;
    if (this.#deps.onRecords) this.#handOver(false);
    this.#emit();
  }

  noteTotal(total: number): void {
    this.#totals.push(total);
  }

  plan(pagesTotal: number | null, rowsTotal: number | null): void {
    this.pagesTotal = pagesTotal;
    this.rowsTotal =
      rowsTotal === null || this.spec.limit === undefined ? rowsTotal : Math.min(rowsTotal, this.spec.limit);
  }

  /** The error for a page that failed for good; cancellation passes through unchanged. */
  incomplete(page: number, err: unknown): unknown {
    if (err instanceof ApiError && err.code === 'ERR_CANCELLED') return err;
    const cause = err instanceof Error ? err : new Error(String(err));
    const causeCode = (cause as { code?: unknown }).code;
    const about = this.rowsTotal === null ? ' (total unknown)' : ` of about ${this.rowsTotal}`;
    return new ApiError(
      'ERR_INCOMPLETE_RESULT',
      `fetched ${this.rowsFetched}${about} rows from ${this.spec.table}; GET ${this.spec.path}?page=${page} failed: ${cause.message}`,
      {
        causeCode: typeof causeCode === 'string' ? causeCode : undefined,
        status: (cause as { status?: number }).status,
        method: 'GET',
        path: this.spec.path,
        page,
        table: this.spec.table,
        rowsFetched: this.rowsFetched,
        rowsTotal: this.rowsTotal ?? undefined,
      },
    );
  }

  /**
   * Records in page order, duplicates dropped, cut to the limit, with a warning if the data moved.
   * When streaming, the records have been handed over already and `records` is empty.
   */
  result(): ListResult {
    const records = this.#deps.onRecords
      ? (this.#handOver(true), [])
      : this.#take(this.#inOrder([...this.#pages.keys()]));
    const warnings: string[] = [];
    const from = this.#totals[0];
    let to = [...this.#totals].reverse().find((t) => t !== from);
    if (to === undefined && this.rowsShouldMatchTotal && from !== undefined && this.#kept !== from)
      to = this.#kept;
    if (to !== undefined || this.#dropped > 0) {
      const why = [
        to !== undefined ? `total went from ${from} to ${to}` : undefined,
        this.#dropped > 0
          ? `${this.#dropped} duplicate row${this.#dropped === 1 ? '' : 's'} dropped`
          : undefined,
      ].filter(Boolean);
      const warning = `data in ${this.spec.table} changed during the scan (${why.join('; ')}); results reflect a moving store`;
      warnings.push(warning);
      this.#deps.logger.log(1, `warning: ${warning}`);
    }
    return { records, warnings };
  }

  /** Distinct records so far (handed over or buffered), without consuming anything. */
  uniqueRows(): number {
    const keyOf = this.spec.keyOf;
    const buffered = [...this.#pages.values()].flat();
    if (!keyOf) return this.#kept + buffered.length;
    const fresh = new Set(buffered.map(keyOf).filter((k) => !this.#seen.has(k)));
    return this.#kept + fresh.size;
  }

  /** Hands over the pages that are next in order (all that are left when `all`). */
  #handOver(all: boolean): void {
    const ready: number[] = [];
    if (all) {
      ready.push(...this.#pages.keys());
    } else {
      for (let p = this.#nextToHand; this.#pages.has(p); p++) ready.push(p);
    }
    if (ready.length === 0) return;
    const records = this.#take(this.#inOrder(ready));
    this.#nextToHand = Math.max(this.#nextToHand, ...ready.map((p) => p + 1));
    if (records.length > 0) this.#deps.onRecords?.(records);
  }

  /** Removes pages from the buffer and returns their records in page order. */
  #inOrder(pages: number[]): ApiRecord[] {
    const out: ApiRecord[] = [];
    for (const p of pages.sort((a, b) => a - b)) {
      out.push(...(this.#pages.get(p) ?? []));
      this.#pages.delete(p);
    }
    return out;
  }

  /** Drops keys already seen and whatever lies beyond the limit. */
  #take(records: ApiRecord[]): ApiRecord[] {
    const keyOf = this.spec.keyOf;
    const out: ApiRecord[] = [];
    for (const r of records) {
      if (keyOf) {
        const key = keyOf(r);
        if (this.#seen.has(key)) {
          this.#dropped++;
          continue;
        }
        this.#seen.add(key);
      }
      this.#kept++;
      if (this.spec.limit === undefined || this.#kept <= this.spec.limit) out.push(r);
    }
    return out;
  }

  #recordsPath(): string | undefined {
    return this.spec.records ?? (this.spec.pagination === 'v3' ? 'data' : undefined);
  }

  #emit(rateLimitWaitMs?: number): void {
    if (!this.#deps.onProgress) return;
    const event: ProgressEvent = {
      table: this.spec.table,
      pagesFetched: this.pagesFetched,
      pagesTotal: this.pagesTotal,
      rowsFetched: this.rowsFetched,
      rowsTotal: this.rowsTotal,
    };
    if (rateLimitWaitMs !== undefined) event.rateLimitWaitMs = rateLimitWaitMs;
    this.#deps.onProgress(event);
  }
}
