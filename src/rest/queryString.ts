/**
 * How a request's query parameters are written into its URL. One encoder for sending and for
 * measuring, so the planner's URL budget counts the bytes that are actually sent.
 */

export type QueryRecord = Record<string, string | number | boolean | undefined>;

/** One name or value as it appears in the URL: `:`, `,` and `$` stay readable, a space is `+`. */
export function encodeQueryPart(text: string): string {
  return encodeURIComponent(text)
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%20/g, '+');
}

/** `a=1&b:in=2,3`, without the leading `?`; undefined values are left out. */
export function encodeQuery(query: QueryRecord): string {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(String(v))}`)
    .join('&');
}
