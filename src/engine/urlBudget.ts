/**
 * Keeps every request URL under a budget. BigCommerce documents no limit, but servers and proxies
 * refuse request lines near 8 KB (414/431), so a long `IN (…)` list is sent over several requests
 * (each asks for some of the values; the union is what the one request would have returned) and a
 * value too long to send at all is not pushed down: SQLite filters on it instead.
 */
import { encodeQuery, encodeQueryPart, type QueryRecord } from '../rest/queryString';

/** Bytes of a whole request URL, scheme to the end of the query string. */
export const URL_BUDGET_BYTES = 8192;
/** Kept free for what each request adds to the planned query: limit, page, a cursor. */
export const PAGING_RESERVE_BYTES = 256;

/** One `:in` parameter sent in parts: one request series per chunk of its comma-joined values. */
export interface QuerySplit {
  param: string;
  chunks: string[];
}

export interface FittedQuery {
  /** Parameters that cannot fit and are left to SQLite. */
  dropped: string[];
  split?: QuerySplit;
}

/**
 * Fits `query` into `room` bytes (its encoded length): first drops the largest of the `droppable`
 * parameters until what remains fits with one `:in` list cut to its longest value, then cuts that
 * list into as few chunks, in order, as fit.
 */
export function fitQuery(query: QueryRecord, droppable: ReadonlySet<string>, room: number): FittedQuery {
  const q: QueryRecord = { ...query };
  const dropped: string[] = [];
  for (;;) {
    if (size(q) <= room) return { dropped };
    const list = longestList(q, droppable);
    const reduced = list ? { ...q, [list]: longestValue(String(q[list])) } : q;
    if (size(reduced) <= room) return { dropped, split: { param: list!, chunks: chunk(q, list!, room) } };
    const biggest = [...droppable]
      .filter((k) => k in q)
      .sort((a, b) => pairSize(reduced, b) - pairSize(reduced, a))[0];
    if (biggest === undefined) return { dropped };
    dropped.push(biggest);
    delete q[biggest];
  }
}

/** The bytes a URL spends before its query string's values: `<base>/stores/<hash><path>?`. */
export function urlPrefixBytes(apiBaseUrl: string, storeHash: string, path: string): number {
  return Buffer.byteLength(`${apiBaseUrl}/stores/${storeHash}${path}?`);
}

function chunk(q: QueryRecord, param: string, room: number): string[] {
  const rest = { ...q };
  delete rest[param];
  const restSize = size(rest);
  const avail = room - restSize - (restSize > 0 ? 1 : 0) - encodeQueryPart(param).length - 1;
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const value of String(q[param]).split(',')) {
    const n = encodeQueryPart(value).length;
    const added = current.length === 0 ? n : bytes + 1 + n;
    if (current.length > 0 && added > avail) {
      chunks.push(current.join(','));
      current = [value];
      bytes = n;
    } else {
      current.push(value);
      bytes = added;
    }
  }
  if (current.length > 0) chunks.push(current.join(','));
  return chunks;
}

function longestList(q: QueryRecord, droppable: ReadonlySet<string>): string | undefined {
  return Object.keys(q)
    .filter((k) => droppable.has(k) && /:in$/.test(k) && String(q[k]).includes(','))
    .sort((a, b) => pairSize(q, b) - pairSize(q, a))[0];
}

function longestValue(list: string): string {
  return list.split(',').reduce((a, b) => (encodeQueryPart(b).length > encodeQueryPart(a).length ? b : a));
}

function size(q: QueryRecord): number {
  return encodeQuery(q).length;
}

function pairSize(q: QueryRecord, k: string): number {
  return encodeQuery({ [k]: q[k] }).length;
}
