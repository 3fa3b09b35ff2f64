/**
 * Reads a value compared with a datetime column as a point in time, in every form people type:
 * ISO 8601 dates and date-times (`T` or a space, `Z`, an offset or none = UTC, fractional
 * seconds), `2025-1-1`, `2025/01/01`, US `01/31/2025` (month first, as the drivers this provider
 * follows read it), RFC 2822 as the v2 API returns it, and JS Dates. A date alone is midnight UTC.
 *
 * The answer is the staged form, 'YYYY-MM-DDTHH:MM:SSZ', so SQLite's text comparison and the API
 * filter agree; sub-second parts are dropped, as the staged API values have none.
 */

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/])(\d{1,2})\2(\d{1,2})${TIME}$`, 'i');
const MONTH_FIRST = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`, 'i');
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UT|UTC|Z)$/;

/** The staged form of a point in time, or undefined when `value` is not one. */
export function parseDateTimeValue(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : canonical(value.getTime());
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  let m = YEAR_FIRST.exec(s);
  if (m) return fromParts(+m[1], +m[3], +m[4], m.slice(5));
  m = MONTH_FIRST.exec(s);
  if (m) return fromParts(+m[3], +m[1], +m[2], m.slice(4));
  if (RFC_2822.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : canonical(ms);
  }
  return undefined;
}

/** Whether a text is already in the staged form. */
export function isStagedDateTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text);
}

function fromParts(y: number, mo: number, d: number, time: string[]): string | undefined {
  const [hh, mi, ss, zone] = time;
  const h = hh === undefined ? 0 : +hh;
  const min = mi === undefined ? 0 : +mi;
  const sec = ss === undefined ? 0 : +ss;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || min > 59 || sec > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, min, sec);
  // Date.UTC rolls 2025-02-30 over into March: such a date does not exist.
  if (new Date(ms).getUTCDate() !== d) return undefined;
  return canonical(ms - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function canonical(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
