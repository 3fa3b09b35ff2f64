/** Reading one `filters` mapping of a table file (see TableDef.filters). */
import type { FilterMapping } from './types';

/** The query parameters one filter mapping sends the value to: `{param: ["min_id", "max_id"]}` → both. */
export function filterParams(mapping: FilterMapping): string[] {
  if (typeof mapping === 'string') return [mapping];
  return typeof mapping.param === 'string' ? [mapping.param] : [...mapping.param];
}

/** Whether the table declares that the API filters exactly as the SQL operator does. */
export function filterIsExact(mapping: FilterMapping): boolean {
  return typeof mapping === 'string' || mapping.exact !== false;
}

/** `id:in`, `sku:in`, `id:not_in`: the value is a comma-separated list. */
export function isListParam(param: string): boolean {
  return /:(in|not_in)$/.test(param);
}
