/** Rows as compact text for a model's context: CSV (RFC 4180) or aligned text, NULL shown as NULL in text. */
import type { FieldInfo } from '../types';

export type RowFormat = 'csv' | 'text';

export function renderRows(fields: FieldInfo[], rows: unknown[][], format: RowFormat): string {
  const header = fields.map((f) => f.name);
  if (format === 'csv') {
    return [header, ...rows.map((r) => r.map(csvCell))]
      .map((cells) => cells.map(csvQuote).join(','))
      .join('\n');
  }
  const cells = [header, ...rows.map((r) => r.map(textCell))];
  const widths = header.map((_, i) => Math.min(60, Math.max(...cells.map((c) => c[i].length))));
  return cells
    .map((c) =>
      c
        .map((v, i) => v.padEnd(widths[i]))
        .join(' | ')
        .trimEnd(),
    )
    .join('\n');
}

function cellText(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** CSV: NULL is an empty field, an empty string is "" (as bcsql --format csv writes them). */
function csvCell(v: unknown): string | null {
  return v === null || v === undefined ? null : cellText(v);
}

function csvQuote(v: string | null): string {
  if (v === null) return '';
  return v === '' || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function textCell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return cellText(v).replace(/\r?\n/g, '\\n');
}
