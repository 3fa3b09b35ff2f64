/**
 * Values between the engine's staged form and PostgreSQL: COPY text lines on the way in
 * (engine/pgColumns.ts, shared with bcsql serve), and type parsers on the way out that give back
 * what staging holds (numbers, 1/0 booleans, ISO 8601 UTC datetimes, JSON text), so a PostgreSQL
 * replica answers like a SQLite one.
 */
import { normaliseDateTime } from '../../engine/sqlValues';

export { copyLine, pgType } from '../../engine/pgColumns';

/** The session runs in UTC, so timestamptz text is `2024-05-01 10:00:00+00`. */
function utcText(t: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)?\+00$/.exec(t);
  return m ? `${m[1]}T${m[2]}Z` : normaliseDateTime(t);
}

/** pg type OIDs read back into staged values. */
const PARSERS: Record<number, (text: string) => unknown> = {
  20: Number, // int8
  1700: Number, // numeric
  16: (t) => (t === 't' ? 1 : 0), // bool
  1184: utcText, // timestamptz
  3802: (t) => t, // jsonb: the JSON text, as staging holds it
};

export const pgTypes = {
  getTypeParser: (oid: number, format?: string) => {
    const parser = PARSERS[oid];
    if (parser) return parser;
    return (format === 'binary' ? (b: unknown) => b : (t: string) => t) as (t: string) => unknown;
  },
};
