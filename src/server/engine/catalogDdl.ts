/**
 * The DDL that gives the embedded PostgreSQL engine empty tables of the same shape as the
 * provider's: every BigCommerce table and sys_* table in schema public, with column types,
 * NOT NULL keys, primary keys, the descriptions as comments (psql's \d+, JDBC REMARKS) and the
 * catalog's informational foreign keys (so BI tools can suggest joins). Column types are the
 * project's one PostgreSQL mapping (engine/pgColumns.ts), since statements run over these tables.
 * Procedures are PostgreSQL procedures of the same signature, so psql's \df and JDBC's
 * getProcedures list them (calls are run by procedureCall.ts, not by this body).
 */
import type { SystemTable } from '../../catalog/systemTables';
import type { Catalog, ColumnDef, ProcedureDef, TableDef } from '../../catalog/types';
import { pgType } from '../../engine/pgColumns';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const JSON_TYPES: Record<string, string> = { string: 'text', integer: 'integer', number: 'double precision', boolean: 'boolean' }; // prettier-ignore

/** The SQL type of a procedure parameter, from its JSON Schema. */
export function parameterType(schema: Record<string, unknown>): string {
  return JSON_TYPES[String(schema.type)] ?? 'text';
}

export function catalogDdl(catalog: Catalog, systemTables: readonly SystemTable[]): string {
  const out: string[] = [];
  for (const t of catalog.tables) out.push(...tableDdl(t));
  for (const s of systemTables) {
    out.push(...tableDdl({ name: s.name, description: s.description, primaryKey: [], columns: s.columns }));
  }
  out.push(...foreignKeys(catalog));
  for (const p of catalog.procedures) out.push(...procedureDdl(p));
  return out.join('\n');
}

type Shape = Pick<TableDef, 'name' | 'description' | 'primaryKey' | 'columns' | 'type'>;

function tableDdl(t: Shape): string[] {
  const name = quoteIdent(t.name);
  const out: string[] = [];
  if (t.type === 'VIEW') {
    const cols = t.columns.map((c) => `CAST(NULL AS ${pgType(c.type)}) AS ${quoteIdent(c.name)}`);
    out.push(`CREATE VIEW ${name} AS SELECT ${cols.join(', ')} WHERE false;`);
    out.push(`COMMENT ON VIEW ${name} IS ${quoteLiteral(t.description)};`);
  } else {
    const cols = t.columns.map((c) => `  ${quoteIdent(c.name)} ${pgType(c.type)}${notNull(t, c)}`);
    if (t.primaryKey.length > 0) cols.push(`  PRIMARY KEY (${t.primaryKey.map(quoteIdent).join(', ')})`);
    out.push(`CREATE TABLE ${name} (\n${cols.join(',\n')}\n);`);
    out.push(`COMMENT ON TABLE ${name} IS ${quoteLiteral(t.description)};`);
  }
  for (const c of t.columns) {
    out.push(`COMMENT ON COLUMN ${name}.${quoteIdent(c.name)} IS ${quoteLiteral(c.description)};`);
  }
  return out;
}

function notNull(t: Shape, c: ColumnDef): string {
  return t.primaryKey.includes(c.name) || c.nullable === false ? ' NOT NULL' : '';
}

/** A foreign key only where PostgreSQL accepts one: to a table whose primary key is that one column. */
function foreignKeys(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const t of catalog.tables) {
    if (t.type === 'VIEW') continue;
    for (const c of t.columns) {
      const ref =
        t.parent && t.parent.column === c.name
          ? { table: t.parent.table, column: t.parent.parentColumn }
          : c.references;
      const target = ref && catalog.findTable(ref.table);
      if (!ref || !target || target.type === 'VIEW') continue;
      if (target.primaryKey.length !== 1 || target.primaryKey[0] !== ref.column) continue;
      const col = target.columns.find((x) => x.name === ref.column);
      if (!col || col.type !== c.type) continue;
      out.push(
        `ALTER TABLE ${quoteIdent(t.name)} ADD FOREIGN KEY (${quoteIdent(c.name)}) ` +
          `REFERENCES ${quoteIdent(target.name)} (${quoteIdent(ref.column)});`,
      );
    }
  }
  return out;
}

/**
 * Result columns are OUT parameters (INOUT where a parameter has the same name), listed first
 * because PostgreSQL allows no OUT parameter after one with a default; every input defaults to NULL.
 */
function procedureDdl(p: ProcedureDef): string[] {
  const inputs = Object.entries(p.parameters.properties);
  const outputs = new Map(p.result.map((c) => [c.name, pgType(c.type)]));
  const params = [
    ...p.result.filter((c) => !p.parameters.properties[c.name]).map((c) => `OUT ${quoteIdent(c.name)} ${outputs.get(c.name)}`),
    ...inputs.map(([n, schema]) => `${outputs.has(n) ? 'INOUT ' : ''}${quoteIdent(n)} ${parameterType(schema)} DEFAULT NULL`),
  ]; // prettier-ignore
  const name = quoteIdent(p.name);
  const signature = inputs.map(([, schema]) => parameterType(schema)).join(', ');
  return [
    `CREATE PROCEDURE ${name}(${params.join(', ')}) LANGUAGE plpgsql AS $$ BEGIN END $$;`,
    `COMMENT ON PROCEDURE ${name}(${signature}) IS ${quoteLiteral(p.description)};`,
  ];
}
