/** How one value reads as text in the shell's table and CSV output (JSON output keeps types). */

/**
 * A result row as the shell prints it: values in column order (the provider's rowMode 'array'),
 * so two columns with the same name (SELECT p.Id, v.Id …) keep both values.
 */
export type ValueRow = readonly unknown[];

/** The text of a non-null value: booleans as true/false, dates as ISO 8601, objects as JSON. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return JSON.stringify(value) ?? String(value);
}

export function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

/** JSON.stringify with bigints as strings (JSON has no bigint). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
