/**
 * Response envelopes. v3: `{data, meta: {pagination}}` lists, `{data, meta: {}}` single records,
 * errors `{status, title, type}`. v2: bare arrays (204 with no body when a page is empty), bare
 * objects, errors as `[{status, message}]` (the shape BigCommerce's v2 API answers with).
 */
import type { ApiReply } from '../types';
import type { ListResult, Paging } from './query';

const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

/** `links: false` for endpoints whose pagination has none (price_lists.v3.yml). */
export function v3List(result: ListResult<unknown>, paging: Paging, withLinks = true): ApiReply {
  const totalPages = Math.ceil(result.total / paging.limit);
  const link = (page: number) => `?page=${page}&limit=${paging.limit}`;
  const links: Record<string, string> = { current: link(paging.page) };
  if (paging.page > 1) links.previous = link(Math.min(paging.page - 1, Math.max(totalPages, 1)));
  if (paging.page < totalPages) links.next = link(paging.page + 1);
  return {
    status: 200,
    body: {
      data: result.items,
      meta: {
        pagination: {
          total: result.total,
          count: result.items.length,
          per_page: paging.limit,
          current_page: paging.page,
          total_pages: totalPages,
          ...(withLinks ? { links } : {}),
        },
      },
    },
  };
}

export function v3One(data: unknown): ApiReply {
  return { status: 200, body: { data, meta: {} } };
}

export function v3Error(status: number, title: string): ApiReply {
  return { status, body: { status, title, type: ERROR_TYPE } };
}

export function v3NotFound(what: string): ApiReply {
  return v3Error(404, `The requested ${what} was not found.`);
}

/** v2 list page: the records, or 204 with an empty body when there are none on this page. */
export function v2List(items: unknown[]): ApiReply {
  return items.length === 0 ? { status: 204 } : { status: 200, body: items };
}

export function v2One(record: unknown): ApiReply {
  return { status: 200, body: record };
}

export function v2Error(status: number, message: string): ApiReply {
  return { status, body: [{ status, message }] };
}

export function v2NotFound(): ApiReply {
  return v2Error(404, 'The requested resource was not found.');
}
