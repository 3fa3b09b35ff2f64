/**
 * What a write may touch, checked against the table file before any request: the table offers
 * the operation, every column exists and is writable, an INSERT gives the required columns, and
 * RETURNING names real columns.
 */
import type { Catalog, ColumnDef, TableDef, WriteOperation } from '../../catalog/types';
import { SqlError, didYouMean } from '../../errors';
import type { WriteCommand, WriteStatement } from '../../sql/types';

export interface WriteTarget {
  def: TableDef;
  /** The statement's columns resolved to the table's (INSERT/UPSERT list or SET columns). */
  columns: ColumnDef[];
  /** RETURNING's columns, `*` expanded; empty without RETURNING. */
  returning: ColumnDef[];
}

const VERBS: Record<WriteCommand, string> = {
  INSERT: 'inserted into',
  UPSERT: 'upserted into',
  UPDATE: 'updated',
  DELETE: 'deleted from',
};

export function validateWrite(stmt: WriteStatement, catalog: Catalog): WriteTarget {
  const def = catalog.findTable(stmt.table.name);
  if (!def) {
    const names = catalog.tables.map((t) => t.name);
    throw new SqlError(
      'ERR_UNKNOWN_TABLE',
      `no table "${stmt.table.name}"${didYouMean(stmt.table.name, names)} (sys_tables lists every table)`,
      { property: stmt.table.name },
    );
  }
  for (const op of operationsFor(stmt.command)) requireOperation(def, stmt.command, op);
  const columns = stmt.columns.map((name) => findColumn(def, name));
  for (const c of columns) requireWritable(def, stmt, c);
  if (stmt.command === 'INSERT' || stmt.command === 'UPSERT') requireColumns(def, stmt, columns);
  const returning = (stmt.returning ?? []).flatMap((name) =>
    name === '*' ? def.columns : [findColumn(def, name)],
  );
  return { def, columns, returning };
}

function operationsFor(command: WriteCommand): ('insert' | 'update' | 'delete')[] {
  if (command === 'UPSERT') return ['insert', 'update'];
  return [command.toLowerCase() as 'insert' | 'update' | 'delete'];
}

function requireOperation(
  def: TableDef,
  command: WriteCommand,
  op: 'insert' | 'update' | 'delete',
): WriteOperation {
  const found = def.write?.[op];
  if (found) return found;
  const offered = def.write
    ? `it can only be ${(['insert', 'update', 'delete'] as const)
        .filter((o) => def.write![o])
        .map((o) => VERBS[o.toUpperCase() as WriteCommand])
        .join(', ')}`
    : 'BigCommerce offers no writes for it (sys_tables.IsUpdateable)';
  throw new SqlError('ERR_READ_ONLY_TABLE', `${def.name} cannot be ${VERBS[command]}: ${offered}`, {
    property: def.name,
  });
}

export function findColumn(def: TableDef, name: string): ColumnDef {
  const c = def.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (c) return c;
  throw new SqlError(
    'ERR_UNKNOWN_COLUMN',
    `table ${def.name} has no column "${name}"${didYouMean(
      name,
      def.columns.map((x) => x.name),
    )}`,
    { property: name },
  );
}

/** Columns the operation's path takes from the row (`{ProductId}`): an INSERT gives them, never a body. */
export function pathColumns(op: WriteOperation): string[] {
  return [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
}

function requireWritable(def: TableDef, stmt: WriteStatement, c: ColumnDef): void {
  if (c.readOnly === false) return;
  const insertLike = stmt.command === 'INSERT' || stmt.command === 'UPSERT';
  if (insertLike && pathColumns(def.write!.insert!).includes(c.name)) return;
  if (stmt.command === 'UPSERT' && def.primaryKey.includes(c.name)) return;
  const writable = def.columns.filter((x) => x.readOnly === false).map((x) => x.name);
  throw new SqlError(
    'ERR_READ_ONLY_COLUMN',
    `${def.name}.${c.name} is read-only and cannot be ${stmt.command === 'UPDATE' ? 'set' : 'given'} in ${stmt.command}; writable columns: ${writable.join(', ')}`,
    { property: c.name },
  );
}

function requireColumns(def: TableDef, stmt: WriteStatement, columns: ColumnDef[]): void {
  const given = new Set(columns.map((c) => c.name));
  const required = [...(def.write?.required ?? []), ...pathColumns(def.write!.insert!)];
  // An UPSERT's updates read nothing first, so what every update body carries must be given.
  if (stmt.command === 'UPSERT') required.push(...def.primaryKey, ...(def.write!.update!.carry ?? []));
  const missing = [...new Set(required)].filter((name) => !given.has(name));
  if (missing.length === 0) return;
  throw new SqlError(
    'ERR_MISSING_COLUMN',
    `${stmt.command} into ${def.name} must give ${missing.join(', ')}; add ${missing.length === 1 ? 'it' : 'them'} to the column list`,
    { property: missing[0] },
  );
}
