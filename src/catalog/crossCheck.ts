/**
 * Checks a JSON Schema cannot express: references between columns, tables and parameters.
 * Each function returns problem strings prefixed with the file they are about.
 */
import Ajv from 'ajv';
import type { ColumnDef, FilterMapping, ProcedureDef, TableDef } from './types';
import { filterIsExact, filterParams } from './filterMapping';
import { checkWrite } from './checkWrite';

interface TableFile {
  def: TableDef;
  file: string;
}

const PLACEHOLDER = /\{([^}]*)\}/g;

/**
 * `broken` holds the lower-cased names of table files that failed to parse or validate; their
 * problems are already reported, so references to them are not reported again.
 */
export function checkTables(tables: TableFile[], broken: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const byName = new Map<string, TableFile>();
  for (const t of tables) {
    const lower = t.def.name.toLowerCase();
    const other = byName.get(lower);
    if (other) problems.push(`${t.file}: table name ${t.def.name} is already used by ${other.file}`);
    else byName.set(lower, t);
  }
  for (const t of tables) problems.push(...checkTable(t, byName, broken).map((p) => `${t.file}: ${p}`));
  return problems;
}

/** What the checks of one table share: its definition, the other tables, and where problems go. */
interface TableCheck {
  def: TableDef;
  byName: Map<string, TableFile>;
  broken: ReadonlySet<string>;
  problems: string[];
  /** Reports `where` naming an unknown column; true when the column exists. */
  hasColumn(name: string, where: string): boolean;
}

function checkTable(t: TableFile, byName: Map<string, TableFile>, broken: ReadonlySet<string>): string[] {
  const def = t.def;
  const problems: string[] = [];
  const columns = new Set(def.columns.map((c) => c.name));
  const hasColumn = (name: string, where: string): boolean => {
    if (columns.has(name)) return true;
    problems.push(`${where} names unknown column "${name}"`);
    return false;
  };
  const check: TableCheck = { def, byName, broken, problems, hasColumn };
  checkColumnNames(check);
  for (const k of def.primaryKey) hasColumn(k, 'primaryKey');
  const parentDef = checkParent(check);
  checkPaths(check);
  checkPaging(check);
  for (const c of def.columns) checkColumnSources(check, c, parentDef);
  checkFilters(check);
  problems.push(...checkWrite(def));
  return problems;
}

function checkColumnNames({ def, problems }: TableCheck): void {
  const lowerSeen = new Set<string>();
  for (const c of def.columns) {
    const lower = c.name.toLowerCase();
    if (lowerSeen.has(lower))
      problems.push(`column ${c.name} is declared twice (names are case-insensitive)`);
    lowerSeen.add(lower);
  }
}

/** Checks `parent`; returns the parent table's definition when it exists. */
function checkParent({ def, byName, broken, problems, hasColumn }: TableCheck): TableDef | undefined {
  const parentDef = def.parent ? byName.get(def.parent.table.toLowerCase())?.def : undefined;
  if (!def.parent) return parentDef;
  if (!parentDef) {
    if (!broken.has(def.parent.table.toLowerCase())) {
      problems.push(`parent.table names unknown table "${def.parent.table}"`);
    }
  } else if (parentDef === def) problems.push('parent.table is the table itself');
  else if (!parentDef.columns.some((c) => c.name === def.parent?.parentColumn)) {
    problems.push(
      `parent.parentColumn names unknown column "${def.parent.parentColumn}" of ${parentDef.name}`,
    );
  }
  hasColumn(def.parent.column, 'parent.column');
  for (const [column, parentColumn] of Object.entries(def.parent.pathKeys ?? {})) {
    if (parentDef && !parentDef.columns.some((c) => c.name === parentColumn))
      problems.push(`parent.pathKeys.${column} names unknown column "${parentColumn}" of ${parentDef.name}`);
  }
  return parentDef;
}

/**
 * The list path may only hold the key placeholders (parent.column and parent.pathKeys, or
 * lookup.column), and must hold each of them.
 */
function checkPaths({ def, problems, hasColumn }: TableCheck): void {
  const listHoles = [...def.api.path.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const keys = def.lookup
    ? [def.lookup.column]
    : def.parent
      ? [def.parent.column, ...Object.keys(def.parent.pathKeys ?? {})]
      : [];
  for (const h of listHoles) {
    if (!keys.includes(h)) {
      problems.push(
        `api.path placeholder {${h}} is not a key column (parent.column, parent.pathKeys or lookup.column)`,
      );
    }
  }
  for (const k of keys) {
    if (!listHoles.includes(k)) problems.push(`api.path has no {${k}} placeholder for the key ${k}`);
    hasColumn(k, `key column ${k}`);
  }
  if (def.lookup && def.parent) problems.push('lookup and parent cannot be used together');
  if (def.get) {
    for (const m of def.get.path.matchAll(PLACEHOLDER)) hasColumn(m[1], `get.path placeholder {${m[1]}}`);
  }
}

function checkPaging({ def, problems }: TableCheck): void {
  if (def.api.pagination !== 'none' && def.api.maxPageSize === undefined) {
    problems.push(`api.maxPageSize is required with pagination "${def.api.pagination}"`);
  }
  if (def.api.pagination === 'v3' && !def.api.records)
    problems.push('api.records is required with pagination "v3"');
  if (def.api.countPath && def.api.pagination !== 'v2')
    problems.push('api.countPath is only used with pagination "v2"');
  if (def.unnest && def.get)
    problems.push('get cannot be used with unnest: a get returns a record, not rows');
}

/** A column's `$parent.` source and `references` must name columns that exist. */
function checkColumnSources(check: TableCheck, c: ColumnDef, parentDef: TableDef | undefined): void {
  const { def, byName, broken, problems } = check;
  if (c.source.startsWith('$owner.') && !def.unnest) {
    problems.push(`column ${c.name}: source ${c.source} needs unnest (only unnested rows have an owner)`);
  }
  if (c.source.startsWith('$parent.')) {
    const ref = c.source.slice('$parent.'.length);
    const lookupKey = def.lookup?.column === ref;
    if (!def.parent && !lookupKey)
      problems.push(`column ${c.name}: source ${c.source} needs a parent (or be the lookup key)`);
    else if (def.parent && parentDef && !parentDef.columns.some((pc) => pc.name === ref)) {
      problems.push(
        `column ${c.name}: source ${c.source} names unknown column "${ref}" of ${parentDef.name}`,
      );
    }
  }
  if (!c.references) return;
  const target = byName.get(c.references.table.toLowerCase())?.def;
  if (!target) {
    if (!broken.has(c.references.table.toLowerCase())) {
      problems.push(`column ${c.name}: references unknown table "${c.references.table}"`);
    }
  } else if (!target.columns.some((tc) => tc.name === c.references?.column)) {
    problems.push(`column ${c.name}: references unknown column "${c.references.column}" of ${target.name}`);
  }
}

function checkFilters({ def, problems, hasColumn }: TableCheck): void {
  const usedParams = new Set<string>();
  for (const [col, ops] of Object.entries(def.filters ?? {})) {
    if (!hasColumn(col, 'filters')) continue;
    if (def.columns.find((c) => c.name === col)?.type === 'json')
      problems.push(`filters.${col}: a json column cannot be pushed down`);
    for (const [op, mapping] of Object.entries(ops ?? {})) {
      if (mapping === undefined) continue;
      const params = filterParams(mapping);
      params.forEach((p) => usedParams.add(p.replace(/:.*$/, '')));
      problems.push(...filterProblems(col, op, mapping, params));
    }
  }
  for (const p of def.numericBooleanParams ?? []) {
    if (!usedParams.has(p)) problems.push(`numericBooleanParams lists "${p}", which no filter uses`);
  }
}

/** What is wrong with one operator's mapping (LIKE needs a loose ":like", IN lists need list params). */
function filterProblems(col: string, op: string, mapping: FilterMapping, params: string[]): string[] {
  const problems: string[] = [];
  const shown = params.join(',');
  if (op === 'LIKE' && !params.every((p) => p.endsWith(':like'))) {
    problems.push(`filters.${col}.LIKE must map to a ":like" parameter, not "${shown}"`);
  }
  // Only the pattern's longest literal run is sent, so a pushed LIKE is always looser.
  if (op === 'LIKE' && filterIsExact(mapping)) {
    problems.push(`filters.${col}.LIKE must be declared {"param": "${shown}", "exact": false}`);
  }
  if (
    (op === 'IN' && !params.every((p) => p.endsWith(':in'))) ||
    (op === 'NOT IN' && !params.every((p) => p.endsWith(':not_in')))
  ) {
    problems.push(`filters.${col}.${op} must map to a list parameter (":in" / ":not_in"), not "${shown}"`);
  }
  return problems;
}

// The handlers compile parameter schemas with this leniency (src/procedures/validateArguments.ts).
const paramAjv = new Ajv({ strict: false });

export function checkProcedure(def: ProcedureDef, file: string): string[] {
  const problems: string[] = [];
  const props = def.parameters.properties;
  const seen = new Set<string>();
  for (const name of Object.keys(props)) {
    if (seen.has(name.toLowerCase()))
      problems.push(`parameter ${name} is declared twice (names are case-insensitive)`);
    seen.add(name.toLowerCase());
    const schema = props[name];
    if (schema.default !== undefined && !paramAjv.validate(schema, schema.default)) {
      problems.push(
        `parameter ${name}: default ${JSON.stringify(schema.default)} does not satisfy its own schema`,
      );
    }
  }
  for (const r of def.parameters.required ?? []) {
    if (!(r in props)) problems.push(`parameters.required names unknown parameter "${r}"`);
  }
  try {
    paramAjv.compile(def.parameters);
  } catch (e) {
    problems.push(`parameters is not a valid JSON Schema (${(e as Error).message})`);
  }
  const resultSeen = new Set<string>();
  for (const c of def.result) {
    if (resultSeen.has(c.name.toLowerCase())) problems.push(`result column ${c.name} is declared twice`);
    resultSeen.add(c.name.toLowerCase());
  }
  return problems.map((p) => `${file}: ${p}`);
}
