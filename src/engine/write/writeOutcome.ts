/**
 * The statement's verdict from what became of its rows: all applied, or an error that says
 * exactly what was applied (keys), what was refused (row, status, BigCommerce's message) and what
 * may or may not have been written, so the user can finish the job. Nothing goes to a warning.
 */
import { ApiError, WriteError } from '../../errors';
import type { RequestOutcome } from './sendWrites';
import type { WriteRow } from './sourceRows';

export interface Applied {
  row: WriteRow;
  record?: Record<string, unknown>;
}

/** The applied rows in statement order, or the error the outcomes call for. */
export function settle(outcomes: RequestOutcome[], verb: string, keyOf: (a: Applied) => unknown): Applied[] {
  const applied = outcomes.flatMap((o) => o.applied).sort((a, b) => a.row.n - b.row.n);
  const failed = outcomes.flatMap((o) => o.failed).sort((a, b) => a.row.n - b.row.n);
  const unknown = outcomes
    .flatMap((o) => o.unknown)
    .map((r) => r.n)
    .sort((a, b) => a - b);
  if (failed.length === 0 && unknown.length === 0) return applied;
  const fields = {
    applied: applied.map(keyOf),
    failed: failed.map((f) => ({ row: f.row.n, status: f.status, message: f.message })),
    unknown,
  };
  const cause = outcomes.find((o) => o.error)?.error;
  if (unknown.length > 0) {
    throw new WriteError(
      'ERR_WRITE_OUTCOME_UNKNOWN',
      `${verb}: BigCommerce's answer for ${rowList(unknown)} never came (${cause?.message ?? 'no answer'}), so whether ${unknown.length === 1 ? 'it was' : 'they were'} written is unknown and ${unknown.length === 1 ? 'it was' : 'they were'} not sent again; ${appliedNote(fields.applied)}check the store (SELECT) before running the statement again`,
      { ...fields, status: (cause as { status?: number } | undefined)?.status },
    );
  }
  // Nothing written and one reason: the API's own error (with its field errors) says it best.
  if (
    applied.length === 0 &&
    cause &&
    failed.every((f) => f.message === cause.message || f.message.startsWith('not sent'))
  ) {
    throw new ApiError(cause.code, `${verb}: nothing was written; ${cause.message}`, {
      ...fieldsOf(cause),
      ...fields,
    });
  }
  const first = failed[0];
  throw new WriteError(
    'ERR_PARTIAL_WRITE',
    `${verb}: ${applied.length} row${applied.length === 1 ? ' was' : 's were'} written and ${failed.length} not (${rowList(failed.map((f) => f.row.n))}); row ${first.row.n}: ${first.message}; ${appliedNote(fields.applied)}see the error's applied and failed fields to finish the job`,
    fields,
  );
}

function appliedNote(keys: unknown[]): string {
  if (keys.length === 0) return '';
  const shown = keys.slice(0, 20).map(String).join(', ');
  return `written: ${shown}${keys.length > 20 ? `, … (${keys.length} in all)` : ''}; `;
}

function rowList(rows: number[]): string {
  const shown = rows.slice(0, 20).join(', ');
  return `row${rows.length === 1 ? '' : 's'} ${shown}${rows.length > 20 ? `, … (${rows.length} in all)` : ''}`;
}

function fieldsOf(err: ApiError): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (k !== 'code' && k !== 'name' && k !== 'message') out[k] = v;
  return out;
}
