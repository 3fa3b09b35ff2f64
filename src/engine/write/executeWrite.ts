/**
 * Runs INSERT, UPDATE, DELETE and UPSERT: check the table file allows it (no request before
 * that), work out the rows (the read half is a planned SELECT), send them in the batches the
 * table file describes, and answer the rows written (RETURNING) or say exactly what happened.
 */
import type { ColumnDef, TableDef } from '../../catalog/types';
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
  const run = { ctx, params, env };
  const requests = await planRequests(run, stmt, target);
  const keys = recordKeys(target.def);
  const outcomes = await sendWrites(ctx, requests, keys);
  const applied = settle(outcomes, `${stmt.command} ${target.def.name}`, (a) =>
    appliedKey(target.def, a, keys),
  );
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

async function planRequests(run: Run, stmt: WriteStatement, target: WriteTarget): Promise<WriteRequest[]> {
  const { def, columns } = target;
  switch (stmt.command) {
    case 'INSERT':
      return buildRequests(def, 'insert', await insertRows(run, stmt, columns), columns);
    case 'UPDATE': {
      const rows = await matchedRows(run, stmt, keyColumns(def, 'update', []), columns);
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
  const key = columns.find((c) => c.name === def.primaryKey[0])!;
  const rows = await insertRows(run, stmt, columns);
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

function recordKeys(def: TableDef): RecordKeys {
  const column = def.columns.find((c) => c.name === def.primaryKey[0])!;
  return {
    column: column.name,
    of: (record) => {
      const v = recordToRow([column], record)[0];
      return v === null ? undefined : String(v);
    },
  };
}

/** The key of a written row: from the record BigCommerce answered (a new id), else the row's own. */
function appliedKey(def: TableDef, a: Applied, keys: RecordKeys): unknown {
  const fromRecord = a.record ? keys.of(a.record) : undefined;
  if (fromRecord !== undefined) {
    const type = def.columns.find((c) => c.name === keys.column)?.type;
    return type === 'integer' ? Number(fromRecord) : fromRecord;
  }
  return a.row.values.get(keys.column) ?? null;
}

/** RETURNING's values: the record BigCommerce answered, else (DELETE) the row as it was read. */
function returned(target: WriteTarget, a: Applied): unknown[] {
  const { def, returning } = target;
  if (a.record) {
    const parentKey = def.parent ? a.row.values.get(def.parent.column) : undefined;
    const parent = def.parent ? { [def.parent.parentColumn]: parentKey } : undefined;
    const values: unknown[] = recordToRow(returning, a.record, parent);
    return values.map((v, i) => v ?? a.row.values.get(returning[i].name) ?? null);
  }
  return returning.map((c) => a.row.values.get(c.name) ?? null);
}
