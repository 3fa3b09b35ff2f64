/** JSON lines: one object per row, keys in column order, values with their JSON types. */
import type { Row } from '../../types';
import { toJson } from './cellText';

export function renderJsonRows(names: string[], rows: Row[]): string {
  return rows
    .map((row) => {
      const obj: Record<string, unknown> = {};
      for (const n of names) obj[n] = row[n] === undefined ? null : row[n];
      return `${toJson(obj)}\n`;
    })
    .join('');
}
