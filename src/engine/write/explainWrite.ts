/**
 * EXPLAIN of a write: after the plan of its read half, one row per kind of request the write sends,
 * with its endpoint and batch size. Requests are known only for INSERT … VALUES into a path
 * without row placeholders; otherwise they depend on the rows the read finds (null).
 */
import type { Catalog, TableDef, WriteOperation } from '../../catalog/types';
import type { WriteStatement } from '../../sql/types';
import type { ExplainRow } from '../explain';
import { pathColumns, validateWrite } from './validateWrite';

export function explainWriteRows(write: WriteStatement, catalog: Catalog): ExplainRow[] {
  const { def } = validateWrite(write, catalog);
  const kinds =
    write.command === 'UPSERT'
      ? def.write!.insert!.method === 'PUT'
        ? (['insert'] as const)
        : (['update', 'insert'] as const)
      : ([write.command.toLowerCase()] as ('insert' | 'update' | 'delete')[]);
  return kinds.map((kind) => row(def, kind, def.write![kind]!, write));
}

function row(def: TableDef, kind: string, op: WriteOperation, write: WriteStatement): ExplainRow {
  const size = op.body === 'array' || op.idParam ? op.batchSize : 1;
  const known = write.command === 'INSERT' && write.values && pathColumns(op).length === 0;
  const per = op.idParam
    ? `up to ${size} keys per request in ${op.idParam}`
    : size > 1
      ? `up to ${size} rows per request`
      : 'one request per row';
  return {
    Table: def.name,
    Mode: kind,
    Endpoint: `${op.method} ${op.path}`,
    ApiFilters: null,
    LeftToSqlite: null,
    Requests: known ? Math.ceil(write.values!.length / size) : null,
    Fields: null,
    Detail: `${per}${op.method === 'POST' ? '; never resent unless answered 429' : '; retried like a read'}`,
  };
}
