/**
 * The progress bar on stderr for statements that fetch more than one page: pages and rows fetched
 * of the total when the API reports it, and waits for the rate limit shown as such. cli-progress
 * is loaded on the first bar, so statements that fit in one page never pay for it.
 */
import type { SingleBar } from 'cli-progress';
import type { ProgressEvent } from '../types';

const BAR_WIDTH = 20;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The bar's text for the latest event; waitLeftMs > 0 while the pacer waits for the rate-limit window. */
export function describeProgress(p: ProgressEvent, waitLeftMs: number): string {
  const parts: string[] = [p.table];
  if (p.pagesTotal !== null && p.pagesTotal > 0) {
    const done = Math.min(BAR_WIDTH, Math.round((p.pagesFetched / p.pagesTotal) * BAR_WIDTH));
    parts.push(`[${'█'.repeat(done)}${'░'.repeat(BAR_WIDTH - done)}]`);
    parts.push(`${count(p.pagesFetched)}/${count(p.pagesTotal)} pages`);
  } else {
    parts.push(`${count(p.pagesFetched)} pages`);
  }
  parts.push(
    p.rowsTotal !== null
      ? `${count(p.rowsFetched)}/${count(p.rowsTotal)} rows`
      : `${count(p.rowsFetched)} rows`,
  );
  if (waitLeftMs > 0) parts.push(`waiting for rate limit ${(waitLeftMs / 1000).toFixed(1)} s`);
  return parts.join('  ');
}

export class ProgressReporter {
  #bar: SingleBar | undefined;
  #last: ProgressEvent | undefined;
  #waitUntil = 0;

  readonly #stream: NodeJS.WriteStream;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  /** Pass as QueryOptions.onProgress. */
  readonly onProgress = (p: ProgressEvent): void => {
    this.#last = p;
    if (p.rateLimitWaitMs !== undefined && p.rateLimitWaitMs > 0)
      this.#waitUntil = Date.now() + p.rateLimitWaitMs;
    const multiPage = p.pagesFetched > 1 || (p.pagesTotal ?? 0) > 1;
    if (!this.#bar && !multiPage && this.#waitUntil <= Date.now()) return;
    if (!this.#bar) this.#bar = this.#start();
    this.#bar.update(p.pagesFetched, {});
  };

  /** Removes the bar (before results or an error are printed). */
  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }

  #start(): SingleBar {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SingleBar } = require('cli-progress') as typeof import('cli-progress');
    const bar = new SingleBar({
      stream: this.#stream,
      // The line is built here rather than from a template, so unknown totals read naturally.
      format: () => (this.#last ? describeProgress(this.#last, this.#waitUntil - Date.now()) : ''),
      clearOnComplete: true,
      hideCursor: false,
      fps: 10,
      linewrap: false,
    });
    bar.start(1, 0, {});
    return bar;
  }
}
