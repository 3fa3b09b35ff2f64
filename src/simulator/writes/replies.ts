/**
 * The answers writes give besides success, in the shapes BigCommerce's OpenAPI files document:
 * v3 422 `{status, title, type, errors: {field: message}}` (errorResponse_422 / ErrorResponse),
 * 413 for a batch over its limit (products_catalog.v3.yml's example title), and 207 Multi-Status
 * `{data, errors: errorMultiStatus, meta}` when some rows of a batch were applied and some not.
 *
 * A 207's `errors.errors` (DetailedErrors: free-form) maps each failed row's index in the request
 * array to `{status, title}`: the status that row alone would have had and why, so a client can
 * tell the user exactly which rows were applied (those in `data`) and which not.
 * v2 endpoints answer a bad body with 400 and one `{status, message, details}` per field.
 */
import type { ApiRecord } from '../api/records/context';
import type { ApiReply } from '../types';

const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export interface RowFailure {
  /** Index of the row in the request array. */
  index: number;
  status: number;
  title: string;
}

export function invalidBody(v2: boolean, errors: Record<string, string>): ApiReply {
  if (v2) {
    return {
      status: 400,
      body: Object.entries(errors).map(([field, reason]) => ({
        status: 400,
        message: `The field '${field}' is invalid.`,
        details: { invalid_reason: reason },
      })),
    };
  }
  return {
    status: 422,
    body: { status: 422, title: 'JSON data is missing or invalid', type: ERROR_TYPE, errors },
  };
}

export function batchTooLarge(limit: number): ApiReply {
  const title = `The request payload is too large. The maximum items allowed in the array is ${limit}.`;
  return { status: 413, body: { status: 413, title, type: ERROR_TYPE } };
}

/** A v3 error with a title and field errors (404, 409, 422 …). */
export function v3Fail(status: number, title: string, errors: Record<string, unknown> = {}): ApiReply {
  return { status, body: { status, title, type: ERROR_TYPE, errors } };
}

/**
 * A batch's answer: 200 with every row when all were applied; when none were, the one failure's
 * answer (or 422 naming every row); otherwise 207 with the applied rows and the failures.
 */
export function batchReply(data: ApiRecord[], failures: RowFailure[], what: string): ApiReply {
  if (failures.length === 0) return { status: 200, body: { data, meta: {} } };
  const errors = Object.fromEntries(
    failures.map((f) => [String(f.index), { status: f.status, title: f.title }]),
  );
  if (data.length === 0) {
    const status = failures.every((f) => f.status === failures[0].status) ? failures[0].status : 422;
    return v3Fail(status, failures.length === 1 ? failures[0].title : `No ${what} could be saved.`, errors);
  }
  return {
    status: 207,
    body: {
      data,
      errors: {
        status: 422,
        title: `${failures.length} of ${failures.length + data.length} ${what} could not be saved.`,
        type: ERROR_TYPE,
        errors,
      },
      meta: {},
    },
  };
}
