/**
 * Runs INSERT, UPDATE, DELETE and UPSERT: check the table file allows it (no request before
 * that), work out the rows (the read half is a planned SELECT), send them in the batches the
 * table file describes, and answer the rows written (RETURNING) or say exactly what happened.
 */
import type { ColumnDef, TableDef } from '../../catalog/types';
import { ApiError } from '../../errors';
import type { WriteStatement } from '../../sql/types';
import type { QueryParams } from '../../types';
import type { ExecutionContext } from '../context';
import type { SelectEnvironment } from '../executeSelect';
import type { EngineResult } from '../rowShape';
import { recordToRow, valueTyper } from '../sqlValues';
import { sendWrites, type RecordKeys } from './sendWrites';
import { existingKeys, insertRows, matchedRows, type WriteRow } from './sourceRows';
import { pathColumns, validateWrite, type WriteTarget } from './validateWrite';
import { settle, type Applied } from './writeOutcome';
import { buildRequests, type WriteRequest } from './writeRequests';

export async function executeWrite(
  ctx: ExecutionContext,
  stmt: WriteStatement,
  params: QueryParams | undefined,
  env: SelectEnvironment,
): Promise<EngineResult> {
  const target = validateWrite(stmt, ctx.catalog);
  const apiBefore = ctx.client.requestCount;
  const oauthBefore = ctx.oauthRequests.count;
  // The rows a write changes are read from BigCommerce itself, never from a replica that may be
  // stale: SET Price = Price * 1.1 over an old price would write a wrong one.
  const run = { ctx: { ...ctx, cache: undefined }, params, env };
  const warned = ctx.warnings.length;
  const requests = await planRequests(run, stmt, target);
  requireCompleteRead(ctx.warnings.slice(warned), stmt);
  const keys = recordKeys(target.def);
  const outcomes = await sendWrites(ctx, requests, keys);
  // Before settle() can throw: a partial write changed the store too.
  if (requests.length > 0) ctx.cache?.changed([target.def.name]);
  const applied = settle(outcomes, `${stmt.command} ${target.def.name}`, (a) => appliedKey(target.def, a));
  const fields = target.returning.map((c) => ({ name: c.name, dataType: c.type }));
  const typed = valueTyper(fields);
  return {
    command: stmt.command,
    fields,
    values: stmt.returning ? applied.map((a) => typed(returned(target, a))) : [],
    rowCount: applied.length,
    warnings: ctx.warnings,
    requestCount: ctx.client.requestCount - apiBefore + (ctx.oauthRequests.count - oauthBefore),
  };
}

type Run = Parameters<typeof insertRows>[0];

/**
 * A read cut short by MaxFanOut would make the write change only some of the rows its WHERE
 * means, silently: refuse before any write is sent.
 */
function requireCompleteRead(warnings: string[], stmt: WriteStatement): void {
  const cut = warnings.find((w) => w.includes('(MaxFanOut)'));
  if (!cut) return;
  throw new ApiError(
    'ERR_INCOMPLETE_RESULT',
    `${stmt.command} was not sent: reading the rows it changes stopped early, so it would change only some of them. ${cut}`,
  );
}

async function planRequests(run: Run, stmt: WriteStatement, target: WriteTarget): Promise<WriteRequest[]> {
  const { def, columns } = target;
  switch (stmt.command) {
    case 'INSERT':
      return buildRequests(def, 'insert', await insertRows(run, stmt, columns), columns);
    case 'UPDATE': {
      const carry = def.columns.filter((c) => def.write!.update!.carry?.includes(c.name));
      const rows = await matchedRows(run, stmt, keyColumns(def, 'update', carry), columns);
      return buildRequests(def, 'update', rows, columns);
    }
    case 'DELETE': {
      const rows = await matchedRows(run, stmt, keyColumns(def, 'delete', target.returning), []);
      return buildRequests(def, 'delete', rows, []);
    }
    case 'UPSERT':
      return upsertRequests(run, stmt, target);
  }
}

/** Rows whose key exists become updates; the others (and rows with no key) become inserts. */
async function upsertRequests(run: Run, stmt: WriteStatement, target: WriteTarget): Promise<WriteRequest[]> {
  const { def, columns } = target;
  const rows = await insertRows(run, stmt, columns);
  // An endpoint whose create is a PUT already creates or updates by key (price list records).
  if (def.write!.insert!.method === 'PUT') return buildRequests(def, 'insert', rows, columns);
  const key = columns.find((c) => c.name === def.primaryKey[0])!;
  const given = rows.map((r) => r.values.get(key.name)).filter((v) => v !== null && v !== undefined);
  const existing = await existingKeys(run, def.name, key, [...new Set(given)]);
  const isUpdate = (r: WriteRow) => existing.has(String(r.values.get(key.name)));
  const inserts = rows.filter((r) => !isUpdate(r));
  for (const r of inserts) r.values.delete(key.name);
  const bodyColumns = columns.filter((c) => !def.primaryKey.includes(c.name));
  return [
    ...buildRequests(def, 'update', rows.filter(isUpdate), bodyColumns),
    ...buildRequests(def, 'insert', inserts, bodyColumns),
  ];
}

/** The columns an update or delete reads first: the key, what its path needs, what RETURNING shows. */
function keyColumns(def: TableDef, kind: 'update' | 'delete', extra: ColumnDef[]): ColumnDef[] {
  const names = new Set([...def.primaryKey, ...pathColumns(def.write![kind]!), ...extra.map((c) => c.name)]);
  return def.columns.filter((c) => names.has(c.name)).sort((a, b) => rank(def, a) - rank(def, b));
}

function rank(def: TableDef, c: ColumnDef): number {
  const k = def.primaryKey.indexOf(c.name);
  return k < 0 ? def.primaryKey.length : k;
}

/** A row's key (every primary-key column), from the row itself or from a record BigCommerce answered. */
function recordKeys(def: TableDef): RecordKeys {
  const columns = def.primaryKey.map((k) => def.columns.find((c) => c.name === k)!);
  const text = (values: unknown[]) =>
    values.some((v) => v === null || v === undefined) ? undefined : JSON.stringify(values.map(String));
  return {
    ofRow: (row) => text(columns.map((c) => row.values.get(c.name))),
    of: (record, row) => {
      const values: unknown[] = recordToRow(columns, record, parentOf(def, row));
      // A key the record does not carry (a parent key in the path) is the row's own.
      return text(values.map((v, i) => v ?? row.values.get(columns[i].name)));
    },
  };
}

/** The key of a written row, as the error fields list it: from the record answered (a new id), else the row's. */
function appliedKey(def: TableDef, a: Applied): unknown {
  const values = def.primaryKey.map((k) => {
    const c = def.columns.find((x) => x.name === k)!;
    const fromRecord = a.record ? recordToRow([c], a.record, parentOf(def, a.row))[0] : null;
    return fromRecord ?? a.row.values.get(k) ?? null;
  });
  return values.length === 1 ? values[0] : Object.fromEntries(def.primaryKey.map((k, i) => [k, values[i]]));
}

/** What `$parent.<Column>` sources read: the row's parent key. */
function parentOf(def: TableDef, row: WriteRow): Record<string, unknown> | undefined {
  return def.parent ? { [def.parent.parentColumn]: row.values.get(def.parent.column) } : undefined;
}

/** RETURNING's values: the record BigCommerce answered, else (DELETE) the row as it was read. */
function returned(target: WriteTarget, a: Applied): unknown[] {
  const { def, returning } = target;
  if (a.record) {
    const values: unknown[] = recordToRow(returning, a.record, parentOf(def, a.row));
    return values.map((v, i) => v ?? a.row.values.get(returning[i].name) ?? null);
  }
  return returning.map((c) => a.row.values.get(c.name) ?? null);
}
