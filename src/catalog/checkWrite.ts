/**
 * Checks of a table's write section that JSON Schema cannot express: columns and placeholders
 * that exist, batch sizes a request can carry, writable columns a body can be built from.
 */
import type { TableDef, WriteOperation } from './types';

const PLACEHOLDER = /\{([^}]*)\}/g;

export function checkWrite(def: TableDef): string[] {
  const problems: string[] = [];
  const byName = new Map(def.columns.map((c) => [c.name, c]));
  const writable = def.columns.filter((c) => c.readOnly === false);
  if (!def.write) {
    if (writable.length)
      problems.push(
        `columns ${writable.map((c) => c.name).join(', ')} are writable but the table has no write section`,
      );
    return problems;
  }
  for (const c of writable) {
    if (c.source.startsWith('$'))
      problems.push(`column ${c.name} is writable but its source ${c.source} is no field of the record`);
  }
  for (const name of def.write.required ?? []) {
    const c = byName.get(name);
    if (!c) problems.push(`write.required names unknown column "${name}"`);
    else if (c.readOnly !== false && !parentKey(def, name))
      problems.push(`write.required names read-only column "${name}"`);
  }
  for (const kind of ['insert', 'update', 'delete'] as const) {
    const op = def.write[kind];
    if (op) problems.push(...checkOperation(def, kind, op).map((p) => `write.${kind}: ${p}`));
  }
  return problems;
}

function checkOperation(def: TableDef, kind: string, op: WriteOperation): string[] {
  const problems: string[] = [];
  const names = new Set(def.columns.map((c) => c.name));
  for (const m of op.path.matchAll(PLACEHOLDER)) {
    if (!names.has(m[1])) problems.push(`path placeholder {${m[1]}} names unknown column "${m[1]}"`);
  }
  if (op.batchSize > 1 && op.body !== 'array' && !op.idParam) {
    problems.push(`batchSize ${op.batchSize} needs body "array" or an idParam to carry several rows`);
  }
  if (op.idParam && kind !== 'delete') problems.push('idParam is for delete only');
  for (const name of op.carry ?? []) {
    const c = def.columns.find((x) => x.name === name);
    if (!c || c.readOnly !== false) problems.push(`carry names "${name}", which is no writable column`);
  }
  if (kind === 'insert' && op.method === 'DELETE')
    problems.push('an insert is a POST (or a PUT that upserts)');
  return problems;
}

/** A child table's parent key fills the path, so an INSERT may require it though it is no body field. */
function parentKey(def: TableDef, name: string): boolean {
  return def.parent?.column === name;
}
