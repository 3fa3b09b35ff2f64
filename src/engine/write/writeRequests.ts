/**
 * Rows grouped into the requests the table file's write section describes: rows sharing a path
 * (`{ProductId}` filled in) go together, up to batchSize per request, as an array body or an id
 * list; otherwise one request per row.
 */
import type { ColumnDef, TableDef, WriteOperation } from '../../catalog/types';
import { SqlError } from '../../errors';
import { rowBody } from './requestBody';
import type { WriteRow } from './sourceRows';
import { pathColumns } from './validateWrite';

export interface WriteRequest {
  kind: 'insert' | 'update' | 'delete';
  op: WriteOperation;
  path: string;
  rows: WriteRow[];
  body?: unknown;
  query?: Record<string, string>;
}

/**
 * `bodyColumns` are the columns whose values go in the body (INSERT's list, UPDATE's SET); an
 * update's body also carries the key when the path does not (a batch PUT names each row's id),
 * and the operation's `carry` columns, which the API requires in every body.
 */
export function buildRequests(
  def: TableDef,
  kind: WriteRequest['kind'],
  rows: WriteRow[],
  bodyColumns: ColumnDef[],
): WriteRequest[] {
  const op = def.write![kind]!;
  const inPath = new Set(pathColumns(op));
  const keys = kind === 'update' ? def.primaryKey.filter((k) => !inPath.has(k)) : [];
  const carried = def.columns.filter((c) => op.carry?.includes(c.name));
  const columns = [
    ...def.columns.filter((c) => keys.includes(c.name)),
    ...[...carried, ...bodyColumns].filter(
      (c, i, all) => !inPath.has(c.name) && !keys.includes(c.name) && all.indexOf(c) === i,
    ),
  ];
  const requests: WriteRequest[] = [];
  for (const [path, group] of byPath(op, rows)) {
    const size = op.body === 'array' || op.idParam ? op.batchSize : 1;
    for (let i = 0; i < group.length; i += size) {
      const chunk = group.slice(i, i + size);
      requests.push(request(def, kind, op, path, chunk, columns));
    }
  }
  return requests;
}

function request(
  def: TableDef,
  kind: WriteRequest['kind'],
  op: WriteOperation,
  path: string,
  rows: WriteRow[],
  columns: ColumnDef[],
): WriteRequest {
  if (kind === 'delete') {
    if (!op.idParam) return { kind, op, path, rows };
    const key = def.primaryKey[0];
    return {
      kind,
      op,
      path,
      rows,
      query: { [op.idParam]: rows.map((r) => String(r.values.get(key))).join(',') },
    };
  }
  const bodies = rows.map((r) =>
    rowBody(
      columns,
      columns.map((c) => r.values.get(c.name)),
      r.n,
      { omitNulls: kind === 'insert', v2: op.path.startsWith('/v2/') },
    ),
  );
  return { kind, op, path, rows, body: op.body === 'array' ? bodies : bodies[0] };
}

/** Rows by the path their values fill in, in statement order. */
function byPath(op: WriteOperation, rows: WriteRow[]): Map<string, WriteRow[]> {
  const groups = new Map<string, WriteRow[]>();
  for (const row of rows) {
    const path = op.path.replace(/\{([^}]*)\}/g, (_m, name: string) => {
      const v = row.values.get(name);
      if (v === null || v === undefined) {
        throw new SqlError(
          'ERR_MISSING_COLUMN',
          `row ${row.n}: ${name} is NULL, but the request for it goes to ${op.path}; give ${name} a value`,
          { property: name, row: row.n },
        );
      }
      return encodeURIComponent(String(v));
    });
    const group = groups.get(path);
    if (group) group.push(row);
    else groups.set(path, [row]);
  }
  return groups;
}
