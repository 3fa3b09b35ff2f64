/**
 * The query-string side of list endpoints: filters with BigCommerce's suffixes, paging,
 * sorting and field selection — shared by every resource.
 *
 * Filter semantics (BigCommerce "Filtering" docs: `:min` ≥, `:max` ≤, `:greater` >, `:less` <,
 * `:like` SQL LIKE, `:in`/`:not_in` comma lists, plain = equals):
 * - strings compare case-insensitively (BigCommerce's MySQL collation); `:like` wraps the value
 *   in `%…%` and keeps `%` and `_` in it as wildcards, as an SQL LIKE does;
 * - dates accept ISO 8601 (with or without time/zone; no zone = UTC), RFC 2822 and Unix
 *   seconds. A date without a time means midnight UTC for comparisons, and the whole day for
 *   plain equality (`date_modified=2024-05-14`);
 * - booleans accept true/false/1/0;
 * - a value that does not parse as the field's type is an error (v3: 422, v2: 400);
 * - parameters a resource does not list are ignored, as BigCommerce ignores unknown ones.
 */

export type FieldType = 'int' | 'number' | 'string' | 'bool' | 'date' | 'intArray';
export type Op = 'eq' | 'in' | 'not_in' | 'min' | 'max' | 'greater' | 'less' | 'like' | 'not';

export interface FieldDef<R> {
  type: FieldType;
  /** The value to compare: numbers for int/number/date (epoch ms), string, boolean, number[]. */
  get: (r: R) => unknown;
  /** Suffixes this field accepts ('eq' = the bare name). */
  ops: readonly Op[];
  /** `:like` takes a comma-separated list of alternatives (customers' name:like). */
  likeList?: boolean;
  /** A predicate of its own instead of comparing get(r) (keyword, inventory_low …). */
  custom?: (r: R, raw: string) => boolean;
}

export interface ListSpec<R> {
  fields: Record<string, FieldDef<R>>;
  /** Parameter names that map to a field and op (v2 style: min_id → ['id', 'min']). */
  aliases?: Record<string, readonly [string, Op]>;
  /** The field that is the record's id: its filters are applied to ids before building records. */
  idField?: string;
}

export class QueryError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Filter<R> {
  param: string;
  test: (r: R) => boolean;
  /** The field compared and the test on its value (not set for custom predicates). */
  field?: string;
  testValue?: (value: unknown) => boolean;
  /** Set for filters on the id field: the same test on a bare id. */
  testId?: (id: number) => boolean;
  /** For `id=` and `id:in=`: the only ids that can match (looked up instead of scanned). */
  idCandidates?: number[];
}

// --------------------------------------------------------------------------------------------
// Values

const RFC2822 = /^[A-Za-z]{3}, /;

/** Parses a date filter value; `dayOnly` tells the caller the value had no time of day. */
export function parseDate(raw: string): { ms: number; dayOnly: boolean } | undefined {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return { ms: Number(s) * 1000, dayOnly: false };
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : { ms, dayOnly: true };
  }
  if (RFC2822.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : { ms, dayOnly: false };
  }
  // "2024-05-14 09:34:00" is read like "2024-05-14T09:34:00"; a '+' in a query string arrives
  // as a space, so "…T09:34:00 02:00" means +02:00.
  let text = s.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T');
  text = text.replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : { ms, dayOnly: false };
}

function parseBool(raw: string): boolean | undefined {
  const s = raw.trim().toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  return undefined;
}

function parseNumber(raw: string, integer: boolean): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) return undefined;
  if (integer && !Number.isInteger(n)) return undefined;
  return n;
}

/** SQL LIKE '%value%' (case-insensitive), with % and _ in the value as wildcards. */
export function likeMatcher(value: string): (s: string) => boolean {
  let re = '';
  for (const ch of value.toLowerCase()) {
    if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const rx = new RegExp(re, 'u');
  return (s) => rx.test(s.toLowerCase());
}

const lower = (v: unknown) => String(v ?? '').toLowerCase();

type Comparable =
  { kind: 'num'; n: number; dayOnly: boolean } | { kind: 'str'; s: string } | { kind: 'bool'; b: boolean };

function parseValue(param: string, type: FieldType, raw: string): Comparable {
  const bad = (what: string) =>
    new QueryError(param, `The filter ${param} needs ${what}; "${raw}" is not one.`);
  switch (type) {
    case 'int':
    case 'intArray': {
      const n = parseNumber(raw, true);
      if (n === undefined) throw bad('a whole number');
      return { kind: 'num', n, dayOnly: false };
    }
    case 'number': {
      const n = parseNumber(raw, false);
      if (n === undefined) throw bad('a number');
      return { kind: 'num', n, dayOnly: false };
    }
    case 'date': {
      const d = parseDate(raw);
      if (!d) throw bad('a date (ISO 8601, RFC 2822 or Unix seconds)');
      return { kind: 'num', n: d.ms, dayOnly: d.dayOnly };
    }
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) throw bad('true, false, 1 or 0');
      return { kind: 'bool', b };
    }
    default:
      return { kind: 'str', s: raw.toLowerCase() };
  }
}

const DAY_MS = 86_400_000;

function equals(actual: unknown, v: Comparable): boolean {
  if (v.kind === 'str') return lower(actual) === v.s;
  if (v.kind === 'bool') return actual === v.b;
  if (typeof actual !== 'number') return false;
  if (v.dayOnly) return actual >= v.n && actual < v.n + DAY_MS;
  return actual === v.n;
}

function compare(op: Op, actual: unknown, v: Comparable): boolean {
  if (v.kind !== 'num' || typeof actual !== 'number' || Number.isNaN(actual)) return false;
  switch (op) {
    case 'min':
      return actual >= v.n;
    case 'max':
      return actual <= v.n;
    case 'greater':
      return actual > v.n;
    default:
      return actual < v.n;
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function makeTest<R>(param: string, def: FieldDef<R>, op: Op, raw: string): (value: unknown) => boolean {
  const arrayField = def.type === 'intArray';
  const anyOf = (value: unknown, pred: (x: unknown) => boolean) =>
    arrayField ? Array.isArray(value) && value.some(pred) : pred(value);
  switch (op) {
    case 'eq': {
      const v = parseValue(param, def.type, raw);
      return (value) => anyOf(value, (x) => equals(x, v));
    }
    case 'not': {
      const v = parseValue(param, def.type, raw);
      return (value) => !anyOf(value, (x) => equals(x, v));
    }
    case 'in':
    case 'not_in': {
      const vs = splitList(raw).map((s) => parseValue(param, def.type, s));
      const hit = (value: unknown) => anyOf(value, (x) => vs.some((v) => equals(x, v)));
      return op === 'in' ? hit : (value) => !hit(value);
    }
    case 'like': {
      const matchers = (def.likeList ? splitList(raw) : [raw]).map(likeMatcher);
      return (value) => value !== null && value !== undefined && matchers.some((m) => m(String(value)));
    }
    default: {
      const v = parseValue(param, def.type, raw);
      return (value) => anyOf(value, (x) => compare(op, x, v));
    }
  }
}

/** Reads the filters a resource supports from the query string. Throws QueryError on a bad value. */
export function parseFilters<R>(query: URLSearchParams, spec: ListSpec<R>): Filter<R>[] {
  const filters: Filter<R>[] = [];
  for (const [param, raw] of query) {
    let fieldName: string;
    let op: Op;
    const alias = spec.aliases?.[param];
    if (alias) {
      [fieldName, op] = alias;
    } else {
      const colon = param.lastIndexOf(':');
      fieldName = colon < 0 ? param : param.slice(0, colon);
      op = (colon < 0 ? 'eq' : param.slice(colon + 1)) as Op;
    }
    const def = spec.fields[fieldName];
    if (!def || (!alias && !def.ops.includes(op))) continue;
    if (def.custom) {
      const custom = def.custom;
      filters.push({ param, test: (r) => custom(r, raw) });
      continue;
    }
    const t = makeTest(param, def, op, raw);
    const get = def.get;
    const onId = fieldName === spec.idField;
    filters.push({
      param,
      test: (r) => t(get(r)),
      field: fieldName,
      testValue: t,
      testId: onId ? (id) => t(id) : undefined,
      idCandidates: onId && (op === 'eq' || op === 'in') ? splitList(raw).map(Number) : undefined,
    });
  }
  return filters;
}

// --------------------------------------------------------------------------------------------
// Paging

export const DEFAULT_LIMIT = 50;
/** BigCommerce's documented page maximum; larger limits are clamped to it (not rejected). */
export const MAX_LIMIT = 250;

export interface Paging {
  page: number;
  limit: number;
}

/** page < 1 or not a number → 1; limit missing, < 1 or not a number → 50; limit > 250 → 250. */
export function parsePaging(query: URLSearchParams): Paging {
  const int = (name: string) => {
    const raw = query.get(name);
    if (raw === null) return undefined;
    const n = Number(raw.trim());
    return Number.isFinite(n) ? Math.floor(n) : undefined;
  };
  const page = int('page');
  const limit = int('limit');
  return {
    page: page !== undefined && page >= 1 ? page : 1,
    limit: limit !== undefined && limit >= 1 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT,
  };
}

// --------------------------------------------------------------------------------------------
// Running a list: ids first (cheap), then records (built on demand), then sort and page.

export type Comparator<R> = (a: R, b: R) => number;

export interface ListSource<R> {
  /** Live ids in ascending order, with a builder — for resources generated on demand. */
  ids?: readonly number[];
  build?: (id: number) => R;
  /**
   * Fields whose value the store knows from the id without building the record (an index of
   * modification dates): filters on them pick ids first, so they cost what they return.
   */
  byId?: Readonly<Record<string, (id: number) => unknown>>;
  /** Or the records themselves — for small fixed sets. */
  records?: readonly R[];
}

export interface ListResult<R> {
  total: number;
  items: R[];
}

export function runList<R>(
  source: ListSource<R>,
  filters: Filter<R>[],
  paging: Paging,
  sort?: Comparator<R>,
): ListResult<R> {
  const start = (paging.page - 1) * paging.limit;
  if (source.records) {
    let rows = source.records.filter((r) => filters.every((f) => f.test(r)));
    if (sort) rows = [...rows].sort(sort);
    return { total: rows.length, items: rows.slice(start, start + paging.limit) };
  }
  const build = source.build!;
  const idTests: ((id: number) => boolean)[] = [];
  const other: Filter<R>[] = [];
  for (const f of filters) {
    const t = idTestOf(f, source);
    if (t) idTests.push(t);
    else other.push(f);
  }
  let ids = source.ids ?? [];
  const lookup = filters.find((f) => f.idCandidates);
  if (lookup) ids = lookupIds(ids, lookup.idCandidates!);
  if (idTests.length > 0) ids = ids.filter((id) => idTests.every((t) => t(id)));
  if (other.length === 0 && !sort) {
    // The common case (plain scans, id lookups): only the requested page is ever built.
    return { total: ids.length, items: ids.slice(start, start + paging.limit).map(build) };
  }
  let rows: R[] = [];
  for (const id of ids) {
    const r = build(id);
    if (other.every((f) => f.test(r))) rows.push(r);
  }
  if (sort) rows = rows.sort(sort);
  return { total: rows.length, items: rows.slice(start, start + paging.limit) };
}

/** A filter as a test on a bare id: on the id field itself, or on a field the store indexes by id. */
function idTestOf<R>(f: Filter<R>, source: ListSource<R>): ((id: number) => boolean) | undefined {
  if (f.testId) return f.testId;
  const get = f.field !== undefined ? source.byId?.[f.field] : undefined;
  const t = f.testValue;
  return get && t ? (id) => t(get(id)) : undefined;
}

/** The candidates that are in `ids` (ascending or descending), in the order of `ids`, by binary search. */
function lookupIds(ids: readonly number[], candidates: number[]): number[] {
  const descending = ids.length > 1 && ids[0] > ids[ids.length - 1];
  const sorted = ids.length > 1 && descending ? [...ids].reverse() : ids;
  const found = [...new Set(candidates)]
    .filter((c) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < c) lo = mid + 1;
        else hi = mid;
      }
      return lo < sorted.length && sorted[lo] === c;
    })
    .sort((a, b) => a - b);
  return descending ? found.reverse() : found;
}

/** A comparator on one value, ties broken by id ascending (BigCommerce's pages never reorder ties). */
export function byField<R>(get: (r: R) => unknown, desc: boolean, id: (r: R) => number): Comparator<R> {
  const dir = desc ? -1 : 1;
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    let c = 0;
    if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else if (typeof x === 'boolean' || typeof y === 'boolean') c = Number(x) - Number(y);
    else c = lower(x).localeCompare(lower(y));
    return c !== 0 ? c * dir : id(a) - id(b);
  };
}

// --------------------------------------------------------------------------------------------
// include_fields / exclude_fields (v3)

/**
 * include_fields keeps `id` plus the listed fields (and any ?include= sub-resources);
 * exclude_fields drops the listed fields except `id`. Unknown names are ignored.
 */
export function projectFields(
  record: Record<string, unknown>,
  query: URLSearchParams,
  keep: readonly string[] = [],
): Record<string, unknown> {
  const include = query.get('include_fields');
  const exclude = query.get('exclude_fields');
  if (include === null && exclude === null) return record;
  const out: Record<string, unknown> = {};
  const inc = include !== null ? new Set(splitList(include)) : null;
  const exc = new Set(exclude !== null ? splitList(exclude) : []);
  for (const [k, v] of Object.entries(record)) {
    const always = k === 'id' || keep.includes(k);
    if (!always && inc && !inc.has(k)) continue;
    if (k !== 'id' && exc.has(k)) continue;
    out[k] = v;
  }
  return out;
}

/** The ?include= list as a set. */
export function includeSet(query: URLSearchParams, allowed: readonly string[]): Set<string> {
  const raw = query.get('include');
  if (!raw) return new Set();
  return new Set(splitList(raw).filter((s) => allowed.includes(s)));
}

export const dateMs = (v: unknown): number => (typeof v === 'string' && v !== '' ? Date.parse(v) : NaN);

/** Reads a v2 RFC 2822 date field as epoch milliseconds (NaN when empty). */
export const rfcMs =
  (name: string) =>
  (r: Record<string, unknown>): number =>
    r[name] ? Date.parse(r[name] as string) : NaN;

/** A field reachable only through the min_/max_ aliases of a v2 list. */
export const aliasOnly = <R>(type: FieldType, get: (r: R) => unknown): FieldDef<R> => ({
  type,
  get,
  ops: [],
});
