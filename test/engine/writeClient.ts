/**
 * A RestClient for write tests: lists and gets from an in-memory store, and applies POST, PUT and
 * DELETE to it the way BigCommerce's write endpoints do (v3 `{data}` answers, batch PUT arrays,
 * `id:in` deletes), recording every request. `fault` scripts what a request meets instead.
 */
import { ApiError } from '../../src/errors';
import type { ApiResponse, ListResult, ListSpec, RequestOptions, RestClient } from '../../src/rest/types';

export interface WriteCall {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

type Rec = Record<string, unknown>;
/** What a write request meets: applied then the answer lost, refused, or answered per row. */
export type Fault =
  | 'timeout-after-apply'
  | 'timeout-before-apply'
  | '500-after-apply'
  | { status: 422; errors: Rec }
  | { partial: number[] };

export class WriteClient implements RestClient {
  readonly writes: WriteCall[] = [];
  requestCount = 0;
  #nextId = 1000;
  fault?: (call: WriteCall, index: number) => Fault | undefined;

  constructor(readonly store: Record<string, Rec[]>) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: RequestOptions = {},
  ): Promise<ApiResponse> {
    this.requestCount++;
    if (method === 'GET') return this.#get(path);
    const call: WriteCall = { method, path, query: opts.query, body: opts.body };
    this.writes.push(call);
    const fault = this.fault?.(call, this.writes.length - 1);
    if (fault === 'timeout-before-apply') throw this.#timeout(call);
    if (fault && typeof fault === 'object' && 'status' in fault) {
      const details = Object.entries(fault.errors)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('; ');
      throw new ApiError(
        'ERR_API_INVALID_REQUEST',
        `BigCommerce rejected ${method} ${path} as invalid (422) (${details})`,
        { status: 422, errors: fault.errors },
      );
    }
    const skip =
      fault && typeof fault === 'object' && 'partial' in fault ? new Set(fault.partial) : new Set<number>();
    const answer = this.#apply(call, skip);
    if (fault === 'timeout-after-apply') throw this.#timeout(call);
    if (fault === '500-after-apply')
      throw new ApiError('ERR_API', `${method} ${path} failed with 500`, { status: 500 });
    if (skip.size)
      return {
        status: 207,
        headers: {},
        json: { data: answer, errors: { title: 'price: must be at least 0' } },
      };
    if (answer === undefined) return { status: 204, headers: {}, json: undefined };
    // v2 answers the record itself; v3 wraps it in data.
    return { status: 200, headers: {}, json: path.startsWith('/v2/') ? answer : { data: answer } };
  }

  #timeout(call: WriteCall): ApiError {
    return new ApiError('ERR_TIMEOUT', `${call.method} ${call.path} got no answer within 5 s`, {
      method: call.method,
      path: call.path,
    });
  }

  #apply(call: WriteCall, skip: Set<number>): unknown {
    const m = /^(.*?)(?:\/(\d+))?$/.exec(call.path)!;
    const rows = (this.store[m[1]] ??= []);
    if (call.method === 'DELETE') {
      const ids = m[2] ? [m[2]] : String(call.query?.['id:in'] ?? '').split(',');
      this.store[m[1]] = rows.filter((r) => !ids.includes(String(r.id)));
      return undefined;
    }
    const items = (Array.isArray(call.body) ? call.body : [call.body]) as Rec[];
    const out = items.flatMap((item, k) => {
      if (skip.has(k)) return [];
      if (call.method === 'POST') {
        const rec = { ...item, id: this.#nextId++ };
        rows.push(rec);
        return [rec];
      }
      if (!m[2] && item.id === undefined) return [this.#upsertRecord(rows, m[1], item)];
      const id = m[2] ?? String(item.id);
      const rec = rows.find((r) => String(r.id) === id)!;
      Object.assign(rec, item, { id: rec.id });
      return [rec];
    });
    return Array.isArray(call.body) ? out : out[0];
  }

  /** Price list records: a batch PUT creates or updates by variant and currency. */
  #upsertRecord(rows: Rec[], path: string, item: Rec): Rec {
    const priceListId = Number(/\/pricelists\/(\d+)\//.exec(path)?.[1]);
    const rec = rows.find((r) => r.variant_id === item.variant_id && r.currency === item.currency);
    if (rec) return Object.assign(rec, item);
    const created = { ...item, price_list_id: priceListId };
    rows.push(created);
    return created;
  }

  #get(path: string): ApiResponse {
    const m = /^(.*)\/(\d+)$/.exec(path);
    const rec = m ? (this.store[m[1]] ?? []).find((r) => String(r.id) === m[2]) : undefined;
    if (!rec) return { status: 404, headers: {}, json: undefined };
    return { status: 200, headers: {}, json: path.startsWith('/v2/') ? rec : { data: rec } };
  }

  async list(spec: ListSpec): Promise<ListResult> {
    this.requestCount++;
    const ids = spec.query['id:in'] ? String(spec.query['id:in']).split(',') : undefined;
    const rows = (this.store[spec.path] ?? []).filter((r) => !ids || ids.includes(String(r.id)));
    return { records: rows.map((r) => ({ ...r })), warnings: [] };
  }

  async count(spec: ListSpec): Promise<number> {
    this.requestCount++;
    return (this.store[spec.path] ?? []).length;
  }
}
