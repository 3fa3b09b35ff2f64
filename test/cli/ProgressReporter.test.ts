import { PassThrough } from 'node:stream';
import { describeProgress, ProgressReporter } from '../../src/cli/ProgressReporter';

/** A stand-in for a terminal's stderr that records what is written. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  Object.assign(stream, { isTTY: true, columns: 120 });
  return { stream, text: () => text };
}

const event = { table: 'Products', pagesFetched: 2, pagesTotal: 8, rowsFetched: 500, rowsTotal: 2000 };

describe('describeProgress', () => {
  it('shows a bar, pages and rows of the totals', () => {
    expect(describeProgress(event, 0)).toBe('Products  [█████░░░░░░░░░░░░░░░]  2/8 pages  500/2,000 rows');
  });

  it('shows counts alone when the totals are unknown', () => {
    expect(describeProgress({ ...event, pagesTotal: null, rowsTotal: null }, 0)).toBe(
      'Products  2 pages  500 rows',
    );
  });

  it('says when it is waiting for the rate limit and for how long', () => {
    expect(describeProgress(event, 2345)).toMatch(/ {2}waiting for rate limit 2\.3 s$/);
  });
});

describe('ProgressReporter', () => {
  it('draws nothing for a statement that fits in one page', () => {
    const term = fakeTerminal();
    const reporter = new ProgressReporter(term.stream);
    reporter.onProgress({ table: 'Brands', pagesFetched: 1, pagesTotal: 1, rowsFetched: 30, rowsTotal: 30 });
    reporter.stop();
    expect(term.text()).toBe('');
  });

  it('draws the bar once a statement has more than one page, and removes it on stop', () => {
    const term = fakeTerminal();
    const reporter = new ProgressReporter(term.stream);
    try {
      reporter.onProgress({ ...event, pagesFetched: 1, rowsFetched: 250 });
      expect(term.text()).toMatch(/Products {2}\[[█░]{20}\] {2}1\/8 pages {2}250\/2,000 rows/);
    } finally {
      reporter.stop();
    }
    // cli-progress clears the line it drew (clearOnComplete) and turns line wrapping back on.
    const text = term.text();
    expect(text.indexOf('\x1b[?7h')).toBeGreaterThan(text.indexOf('1/8 pages'));
    expect(text.endsWith('\x1b[2K')).toBe(true);
  });
});
