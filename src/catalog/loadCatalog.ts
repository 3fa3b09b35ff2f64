/**
 * Loads the declarative catalog: schemas/tables/*.json and procedures/*.json, each validated
 * with ajv against schemas/meta/{table,procedure}.schema.json and then cross-checked (keys,
 * filters and parents name real columns and tables; names are unique case-insensitively).
 * Every problem in every file is collected and reported in one CatalogError, so a broken
 * catalog is fixed in one pass rather than one error at a time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { CatalogError } from '../errors';
import { packageRoot } from './packageRoot';
import { checkProcedure, checkTables } from './crossCheck';
import type { Catalog, ProcedureDef, TableDef } from './types';

export { filterIsExact, filterParams, isListParam } from './filterMapping';

export interface LoadCatalogOptions {
  /** Folder holding schemas/tables/ and procedures/ (default: this package's root). */
  dir?: string;
}

const cache = new Map<string, Catalog>();
let validators: { table: ValidateFunction; procedure: ValidateFunction } | undefined;

export function loadCatalog(opts: LoadCatalogOptions = {}): Catalog {
  const dir = path.resolve(opts.dir ?? packageRoot());
  const hit = cache.get(dir);
  if (hit) return hit;
  const catalog = readCatalog(dir);
  cache.set(dir, catalog);
  return catalog;
}

/** Forget loaded catalogs (tests that rewrite files between loads). */
export function clearCatalogCache(): void {
  cache.clear();
}

function readCatalog(dir: string): Catalog {
  const problems: string[] = [];
  const v = metaValidators();
  const broken = new Set<string>();
  const tables = readDefs<TableDef>(dir, path.join('schemas', 'tables'), v.table, problems, broken);
  const procedures = readDefs<ProcedureDef>(dir, 'procedures', v.procedure, problems, new Set());

  problems.push(...checkTables(tables, broken));
  const tableNames = new Set(tables.map((t) => t.def.name.toLowerCase()));
  const seen = new Map<string, string>();
  for (const p of procedures) {
    problems.push(...checkProcedure(p.def, p.file));
    const lower = p.def.name.toLowerCase();
    if (tableNames.has(lower)) problems.push(`${p.file}: procedure name ${p.def.name} is also a table name`);
    const other = seen.get(lower);
    if (other) problems.push(`${p.file}: procedure name ${p.def.name} is already used by ${other}`);
    else seen.set(lower, p.file);
  }

  if (problems.length > 0) {
    throw new CatalogError(
      'ERR_CATALOG',
      `The catalog in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; ` +
        `fix these files:\n  - ${problems.join('\n  - ')}`,
      { problems },
    );
  }
  return makeCatalog(
    tables.map((t) => t.def),
    procedures.map((p) => p.def),
  );
}

interface Loaded<T> {
  def: T;
  /** Path relative to the catalog folder, for messages. */
  file: string;
}

function readDefs<T extends { name: string }>(
  dir: string,
  sub: string,
  validate: ValidateFunction,
  problems: string[],
  broken: Set<string>,
): Loaded<T>[] {
  const folder = path.join(dir, sub);
  if (!fs.existsSync(folder)) {
    problems.push(`${sub}/: folder not found in ${dir}`);
    return [];
  }
  const out: Loaded<T>[] = [];
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const name of files) {
    const file = path.posix.join(sub.split(path.sep).join('/'), name);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message})`);
      broken.add(name.replace(/\.json$/, '').toLowerCase());
      continue;
    }
    if (!validate(data)) {
      for (const err of validate.errors ?? []) problems.push(`${file}: ${describeAjvError(err)}`);
      broken.add(name.replace(/\.json$/, '').toLowerCase());
      continue;
    }
    const def = data as T;
    const expected = name.replace(/\.json$/, '');
    if (def.name !== expected) problems.push(`${file}: name is "${def.name}" but the file is named ${name}`);
    out.push({ def, file });
  }
  if (files.length === 0) problems.push(`${sub}/: no .json files`);
  return out;
}

function describeAjvError(err: ErrorObject): string {
  const where = err.instancePath === '' ? '(top level)' : err.instancePath;
  const p = err.params as Record<string, unknown>;
  let detail = '';
  if (err.keyword === 'additionalProperties') detail = ` ("${String(p.additionalProperty)}")`;
  else if (err.keyword === 'enum')
    detail = ` (${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')})`;
  else if (err.keyword === 'propertyNames') detail = ` ("${String(p.propertyName)}")`;
  return `${where} ${err.message ?? 'is invalid'}${detail}`;
}

function metaValidators(): { table: ValidateFunction; procedure: ValidateFunction } {
  if (!validators) {
    const meta = (name: string): object =>
      JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', 'meta', name), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    validators = {
      table: ajv.compile(meta('table.schema.json')),
      procedure: ajv.compile(meta('procedure.schema.json')),
    };
  }
  return validators;
}

function makeCatalog(tables: TableDef[], procedures: ProcedureDef[]): Catalog {
  deepFreeze(tables);
  deepFreeze(procedures);
  const tableIndex = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const procIndex = new Map(procedures.map((p) => [p.name.toLowerCase(), p]));
  return Object.freeze({
    tables,
    procedures,
    findTable: (name: string) => tableIndex.get(name.toLowerCase()),
    findProcedure: (name: string) => procIndex.get(name.toLowerCase()),
  });
}

/** The cached catalog is shared by every connection, so nobody may change it in place. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
