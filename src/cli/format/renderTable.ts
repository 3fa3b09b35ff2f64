/**
 * The psql-style aligned table: a header, a rule, one line per row; numbers right-aligned; NULL
 * shown as a (dim, on a colour terminal) `NULL` so it never looks like an empty string; values cut
 * with `…` so each line fits the terminal.
 */
import type { DataType } from '../../types';
import { cellText, isNull, type ValueRow } from './cellText';

export interface TableColumn {
  name: string;
  dataType?: DataType;
}

export interface TableOptions {
  /** Width to fit each line into (the terminal's columns); undefined = never cut values. */
  maxWidth?: number;
  /** Show NULL dim (ANSI); off when output is not a terminal or NO_COLOR is set. */
  color: boolean;
}

const NULL_TEXT = 'NULL';
const DIM = '\x1b[2m';
const UNDIM = '\x1b[22m';
/** Columns are never cut narrower than this (a letter and the ellipsis). */
const MIN_CUT_WIDTH = 3;

interface Cell {
  text: string;
  isNull: boolean;
}

/** Control characters would move the cursor or break the grid; show line breaks as ↵. */
function sanitize(text: string): string {
  return (
    text
      .replace(/\r\n|\r|\n/g, '↵')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd')
  );
}

function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function cut(text: string, w: number): string {
  if (width(text) <= w) return text;
  return `${Array.from(text)
    .slice(0, Math.max(0, w - 1))
    .join('')}…`;
}

/**
 * Column widths that fit `budget` characters: the widest columns give up space first (a cap on
 * every column's width, found by binary search), so narrow columns such as Id stay whole.
 */
export function fitWidths(natural: number[], budget: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= budget) return natural;
  const used = (cap: number) => natural.reduce((a, w) => a + Math.min(w, cap), 0);
  let lo = MIN_CUT_WIDTH;
  let hi = Math.max(...natural);
  if (used(lo) > budget) return natural.map((w) => Math.min(w, lo));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (used(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const widths = natural.map((w) => Math.min(w, lo));
  // Hand the few characters the cap leaves over to the cut columns, left to right.
  let spare = budget - used(lo);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    if (natural[i] > widths[i]) {
      widths[i]++;
      spare--;
    }
  }
  return widths;
}

/** psql's expanded display: one `name | value` line per column, values never cut. */
function renderRecord(header: string[], row: Cell[], color: boolean): string {
  const nameWidth = Math.max(...header.map(width));
  const lines = row.map((cell, i) => {
    const value = cell.isNull && color ? `${DIM}${NULL_TEXT}${UNDIM}` : cell.text;
    return `${header[i]}${' '.repeat(nameWidth - width(header[i]))} | ${value}`.trimEnd();
  });
  return `-[ RECORD 1 ]${'-'.repeat(nameWidth + 3)}\n${lines.join('\n')}\n`;
}

/** Rows hold values in column order, so two columns with the same name each show their own. */
export function renderTable(columns: TableColumn[], rows: readonly ValueRow[], opts: TableOptions): string {
  const header = columns.map((c) => sanitize(c.name));
  const cells: Cell[][] = rows.map((row) =>
    columns.map((_c, i) => {
      const v = row[i];
      return isNull(v) ? { text: NULL_TEXT, isNull: true } : { text: sanitize(cellText(v)), isNull: false };
    }),
  );
  const natural = columns.map((_, i) => Math.max(width(header[i]), ...cells.map((r) => width(r[i].text))));
  // Each line is ' ' + cells joined by ' | ' + ' '.
  const overhead = 3 * Math.max(0, columns.length - 1) + 2;
  const tooWide = opts.maxWidth !== undefined && natural.reduce((a, b) => a + b, overhead) > opts.maxWidth;
  // One row that does not fit (an authorization URL, a token) is worth more whole than aligned.
  if (tooWide && cells.length === 1) return renderRecord(header, cells[0], opts.color);
  const widths = opts.maxWidth === undefined ? natural : fitWidths(natural, opts.maxWidth - overhead);
  const numeric = columns.map((c) => c.dataType === 'integer' || c.dataType === 'decimal');

  const pad = (text: string, i: number, right: boolean) => {
    const gap = ' '.repeat(Math.max(0, widths[i] - width(text)));
    return right ? gap + text : text + gap;
  };
  const line = (parts: string[]) => ` ${parts.join(' | ')}`.trimEnd();
  const out: string[] = [];
  out.push(line(header.map((h, i) => pad(cut(h, widths[i]), i, false))));
  out.push(widths.map((w) => '-'.repeat(w + 2)).join('+'));
  for (const row of cells) {
    out.push(
      line(
        row.map((cell, i) => {
          const text = cut(cell.text, widths[i]);
          const padded = pad(text, i, numeric[i]);
          return cell.isNull && opts.color ? padded.replace(NULL_TEXT, `${DIM}${NULL_TEXT}${UNDIM}`) : padded;
        }),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
