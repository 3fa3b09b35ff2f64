/** One progress bar per table on stderr while a REPLICATE runs (cli-progress, loaded on first use). */
import type { MultiBar, SingleBar } from 'cli-progress';
import { describeProgress } from './ProgressReporter';
import type { ProgressEvent } from '../types';

export class TableBars {
  #multi?: MultiBar;
  readonly #bars = new Map<string, { bar: SingleBar; last: ProgressEvent }>();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  readonly onProgress = (p: ProgressEvent): void => {
    if (!this.#multi) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { MultiBar } = require('cli-progress') as typeof import('cli-progress');
      this.#multi = new MultiBar({
        stream: this.stream,
        format: (_o, _p, payload: { table: string }) => {
          const entry = this.#bars.get(payload.table);
          return entry ? describeProgress(entry.last, 0) : '';
        },
        hideCursor: false,
        fps: 10,
        linewrap: false,
      });
    }
    const entry = this.#bars.get(p.table);
    if (entry) {
      entry.last = p;
      if (p.pagesTotal) entry.bar.setTotal(p.pagesTotal);
      entry.bar.update(p.pagesFetched, { table: p.table });
      return;
    }
    const bar = this.#multi.create(p.pagesTotal ?? 1, p.pagesFetched, { table: p.table });
    this.#bars.set(p.table, { bar, last: p });
  };

  stop(): void {
    this.#multi?.stop();
  }
}
