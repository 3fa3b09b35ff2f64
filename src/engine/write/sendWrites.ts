/**
 * Sends a write's requests, up to MaxConcurrentRequests at once (the client's slots and the
 * store's pacer still apply), and records what became of every row. A create is never sent twice
 * except after a 429 (sendRequest.ts); updates and deletes are marked idempotent and retried like
 * reads. After the first request that fails, no new request starts: the rest are reported unsent.
 */
import { ApiError } from '../../errors';
import type { ExecutionContext } from '../context';
import type { WriteRequest } from './writeRequests';
import type { WriteRow } from './sourceRows';

/** A row's primary key as text, from the row or from a record BigCommerce answered for it. */
export interface RecordKeys {
  ofRow(row: WriteRow): string | undefined;
  of(record: Record<string, unknown>, row: WriteRow): string | undefined;
}

/** What became of the rows of one request. */
export interface RequestOutcome {
  request: WriteRequest;
  /** Rows BigCommerce applied, with the record it answered for each (when it answered one). */
  applied: { row: WriteRow; record?: Record<string, unknown> }[];
  failed: { row: WriteRow; status?: number; message: string }[];
  /** Rows of a request whose answer never came (timeout, reset, 5xx): maybe applied, maybe not. */
  unknown: WriteRow[];
  error?: ApiError;
}

export async function sendWrites(
  ctx: ExecutionContext,
  requests: WriteRequest[],
  keys: RecordKeys,
): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = new Array<RequestOutcome>(requests.length);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && next < requests.length) {
      const k = next++;
      outcomes[k] = await sendOne(ctx, requests[k], keys);
      if (outcomes[k].error) stopped = true;
    }
  };
  const width = Math.max(1, Math.min(ctx.options.MaxConcurrentRequests, requests.length));
  await Promise.all(Array.from({ length: width }, worker));
  for (let k = 0; k < requests.length; k++) {
    outcomes[k] ??= {
      request: requests[k],
      applied: [],
      failed: requests[k].rows.map((row) => ({
        row,
        message: 'not sent: an earlier request of the statement failed',
      })),
      unknown: [],
    };
  }
  return outcomes;
}

async function sendOne(ctx: ExecutionContext, req: WriteRequest, keys: RecordKeys): Promise<RequestOutcome> {
  const base = { request: req, applied: [], failed: [], unknown: [] };
  try {
    const res = await ctx.client.request(req.op.method, req.path, {
      body: req.body,
      query: req.query,
      signal: ctx.signal,
      table: undefined,
      idempotent: req.op.method !== 'POST',
    });
    const records = answerRecords(res.json, req.op.records);
    if (res.status === 207) return multiStatus(req, res.json, records, keys);
    return {
      ...base,
      applied: req.rows.map((row, i) => ({ row, record: matchRecord(req, row, i, records, keys) })),
    };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (outcomeUnknown(err)) return { ...base, unknown: req.rows, error: err };
    const message = err.message;
    const status = (err as { status?: number }).status;
    // A DELETE answered 404 finds the record gone: a retry whose first attempt was applied but
    // whose answer was lost ends here, and what the statement asked for holds.
    if (req.op.method === 'DELETE' && status === 404)
      return { ...base, applied: req.rows.map((row) => ({ row })) };
    return { ...base, failed: req.rows.map((row) => ({ row, status, message })), error: err };
  }
}

/** A request that may have reached BigCommerce but whose answer was lost or was a server error. */
function outcomeUnknown(err: ApiError): boolean {
  const status = (err as { status?: number }).status;
  if (err.code === 'ERR_TIMEOUT' || err.code === 'ERR_NETWORK' || err.code === 'ERR_CANCELLED') return true;
  if (err.code === 'ERR_API_BAD_RESPONSE') return true;
  return typeof status === 'number' && status >= 500;
}

function answerRecords(json: unknown, records: string | undefined): Record<string, unknown>[] {
  const data =
    records && json && typeof json === 'object' ? (json as Record<string, unknown>)[records] : json;
  if (Array.isArray(data))
    return data.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object');
  return data && typeof data === 'object' ? [data as Record<string, unknown>] : [];
}

/** An update's answer is matched by key; a create's by position (the API answers in request order). */
function matchRecord(
  req: WriteRequest,
  row: WriteRow,
  i: number,
  records: Record<string, unknown>[],
  keys: RecordKeys,
): Record<string, unknown> | undefined {
  if (req.kind === 'insert' || req.rows.length === 1) return records[i];
  const key = keys.ofRow(row);
  return records.find((r) => keys.of(r, row) === key);
}

/**
 * 207 Multi-Status: the records in `data` were written; the other rows were not. `errors.errors`
 * (free-form in the spec) may map a row's index in the request to its own `{status, title}`;
 * otherwise every refused row gets the answer's general title.
 */
function multiStatus(
  req: WriteRequest,
  json: unknown,
  records: Record<string, unknown>[],
  keys: RecordKeys,
): RequestOutcome {
  const body = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const perRow = rowErrors(body.errors);
  const general = generalMessage(body.errors);
  const out: RequestOutcome = { request: req, applied: [], failed: [], unknown: [] };
  // Created records come back in request order, without the refused rows.
  const created = [...records];
  req.rows.forEach((row, i) => {
    const own = perRow.get(i);
    const record =
      req.kind !== 'insert'
        ? matchRecord(req, row, i, records, keys)
        : own || (perRow.size === 0 && created.length === 0)
          ? undefined
          : created.shift();
    if (record && !own) out.applied.push({ row, record });
    else out.failed.push({ row, status: own?.status ?? 207, message: own?.title ?? general });
  });
  return out;
}

function rowErrors(errors: unknown): Map<number, { status?: number; title: string }> {
  const out = new Map<number, { status?: number; title: string }>();
  const detailed =
    errors && typeof errors === 'object' ? (errors as Record<string, unknown>).errors : undefined;
  if (!detailed || typeof detailed !== 'object') return out;
  for (const [k, v] of Object.entries(detailed)) {
    if (!/^\d+$/.test(k) || !v || typeof v !== 'object') continue;
    const e = v as Record<string, unknown>;
    const title = typeof e.title === 'string' ? e.title : JSON.stringify(v);
    out.set(Number(k), { status: typeof e.status === 'number' ? e.status : undefined, title });
  }
  return out;
}

function generalMessage(errors: unknown): string {
  if (!errors || typeof errors !== 'object') return 'BigCommerce did not apply this row (207 Multi-Status)';
  const o = errors as Record<string, unknown>;
  const details =
    o.errors && typeof o.errors === 'object'
      ? Object.entries(o.errors).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      : [];
  return [o.title ?? o.message, ...details].filter(Boolean).map(String).join('; ');
}
