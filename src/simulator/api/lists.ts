/** The list pipeline for both API versions: filters → paging → envelope, and their errors. */
import type { ApiRecord } from '../store';
import type { ApiReply } from '../types';
import {
  parseFilters,
  parsePaging,
  projectFields,
  QueryError,
  runList,
  type Comparator,
  type ListSource,
  type ListSpec,
} from './query';
import { v2Error, v2List, v3Error, v3List } from './respond';

export interface V3ListOptions {
  sort?: Comparator<ApiRecord>;
  /** Adds ?include= sub-resources to each record of the page. */
  decorate?: (r: ApiRecord) => ApiRecord;
  /** Fields include_fields must not drop (the sub-resources asked for with ?include=). */
  keep?: readonly string[];
  /** Supports include_fields/exclude_fields (most v3 catalog endpoints do). */
  projection?: boolean;
  /** meta.pagination.links (every v3 list but price lists has them). */
  links?: boolean;
}

export function listV3(
  query: URLSearchParams,
  source: ListSource<ApiRecord>,
  spec: ListSpec<ApiRecord>,
  opts: V3ListOptions = {},
): ApiReply {
  let filters;
  try {
    filters = parseFilters(query, spec);
  } catch (e) {
    if (e instanceof QueryError) return v3Error(422, e.message);
    throw e;
  }
  const paging = parsePaging(query);
  const result = runList(source, filters, paging, opts.sort);
  // Fixed sets hand out shared records: copy before decorating or projecting.
  let items = source.records ? result.items.map((r) => ({ ...r })) : result.items;
  if (opts.decorate) items = items.map(opts.decorate);
  if (opts.projection !== false) items = items.map((r) => projectFields(r, query, opts.keep));
  return v3List({ total: result.total, items }, paging, opts.links !== false);
}

export function listV2(
  query: URLSearchParams,
  source: ListSource<ApiRecord>,
  spec: ListSpec<ApiRecord>,
  sort?: Comparator<ApiRecord>,
): ApiReply {
  let filters;
  try {
    filters = parseFilters(query, spec);
  } catch (e) {
    if (e instanceof QueryError) return v2Error(400, e.message);
    throw e;
  }
  return v2List(runList(source, filters, parsePaging(query), sort).items);
}

/** /count endpoints: the number of records the same filters would list. */
export function countV2(
  query: URLSearchParams,
  source: ListSource<ApiRecord>,
  spec: ListSpec<ApiRecord>,
): ApiReply {
  try {
    const filters = parseFilters(query, spec);
    return { status: 200, body: { count: runList(source, filters, { page: 1, limit: 1 }).total } };
  } catch (e) {
    if (e instanceof QueryError) return v2Error(400, e.message);
    throw e;
  }
}

/** Sub-resource lists without filters (v2 order products …): a page of an array, 204 when empty. */
export function pageV2(query: URLSearchParams, records: ApiRecord[]): ApiReply {
  return v2List(runList({ records }, [], parsePaging(query)).items);
}
