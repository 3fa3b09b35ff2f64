/**
 * The shell's backslash commands. Catalog listings are SQL on the system tables (sys_tables,
 * sys_tablecolumns, sys_procedures, sys_procedureparameters), so they show exactly what BI tools
 * see; they print in the current output format, so `bcsql -e '\tables' --format csv` is scriptable.
 */
import { loadCatalog } from '../catalog/loadCatalog';
import { findSystemTable, systemTables } from '../catalog/systemTables';
import type { TableDef } from '../catalog/types';
import { BigCommerceSqlError, SqlError, closest, didYouMean } from '../errors';
import type { Row } from '../types';
import { FORMATS, isOutputFormat } from './format/renderResult';
import type { Outcome, Session } from './Session';

interface MetaCommand {
  names: string[];
  args: string;
  help: string;
  run(session: Session, arg: string): Promise<Outcome> | Outcome;
}

const COMMANDS: MetaCommand[] = [
  { names: ['?', 'help'], args: '', help: 'show this help', run: (s) => showHelp(s) },
  { names: ['q', 'quit'], args: '', help: 'quit (Ctrl-D works too)', run: () => 'quit' },
  { names: ['tables', 'dt'], args: '', help: 'list tables and views', run: (s) => listTables(s) },
  { names: ['procedures', 'df'], args: '', help: 'list stored procedures', run: (s) => listProcedures(s) },
  {
    names: ['d'],
    args: 'NAME',
    help: "a table's columns (type, key, filters sent to the API) or a procedure's parameters",
    run: (s, arg) => (arg === '' ? listTables(s) : describe(s, arg)),
  },
  {
    names: ['conn'],
    args: '',
    help: 'connection properties in effect (secrets masked)',
    run: (s) => showConnection(s),
  },
  {
    names: ['format'],
    args: '[table|csv|json]',
    help: 'show or set the output format',
    run: (s, arg) => setFormat(s, arg),
  },
  {
    names: ['timing'],
    args: '[on|off]',
    help: 'show the elapsed time and API requests after each statement',
    run: (s, arg) => setTiming(s, arg),
  },
];

const byName = new Map(COMMANDS.flatMap((c) => c.names.map((n) => [n, c] as const)));

export async function runMetaCommand(session: Session, text: string): Promise<Outcome> {
  // `\d Products;` — a habitual `;` is not part of the argument.
  const m = /^\\(\S*)\s*(.*?)\s*;?\s*$/s.exec(text);
  const name = m?.[1] ?? '';
  const arg = m?.[2] ?? '';
  const command = byName.get(name) ?? byName.get(name.toLowerCase());
  if (!command) {
    const suggestion = closest(name, byName.keys());
    throw new BigCommerceSqlError(
      'ERR_UNKNOWN_COMMAND',
      `unknown meta-command "\\${name}"${suggestion ? `; did you mean "\\${suggestion}"?` : ''} (\\? lists them)`,
    );
  }
  return command.run(session, arg);
}

export function helpText(): string {
  const lines = COMMANDS.map((c) => {
    const usage = `${c.names.map((n) => `\\${n}`).join(', ')}${c.args ? ` ${c.args}` : ''}`;
    return `  ${usage.padEnd(28)} ${c.help}`;
  });
  return [
    'SQL statements end with ";" and may span several lines. Ctrl-C cancels a running statement',
    '(or clears the line being typed); Ctrl-D or \\q quits.',
    '',
    'Meta-commands (no ";" needed):',
    ...lines,
    '',
    'Examples:',
    '  SELECT Id, Name, Price FROM Products WHERE Price > 10 ORDER BY Price DESC LIMIT 5;',
    '  EXEC GetOAuthAuthorizationURL;',
    '',
  ].join('\n');
}

function showHelp(session: Session): Outcome {
  session.io.stdout.write(helpText());
  return 'ok';
}

async function listTables(session: Session): Promise<Outcome> {
  const rows = await session.query(
    'SELECT TableName, TableType, Description FROM sys_tables ORDER BY TableName',
  );
  session.print(
    [
      { name: 'TableName', dataType: 'string' },
      { name: 'TableType', dataType: 'string' },
      { name: 'Description', dataType: 'string' },
    ],
    rows,
  );
  if (session.settings.format === 'table') {
    session.notice(`System tables: ${systemTables.map((t) => t.name).join(', ')}\n`);
  }
  return 'ok';
}

async function listProcedures(session: Session): Promise<Outcome> {
  const rows = await session.query(
    'SELECT ProcedureName, Description FROM sys_procedures ORDER BY ProcedureName',
  );
  session.print(
    [
      { name: 'ProcedureName', dataType: 'string' },
      { name: 'Description', dataType: 'string' },
    ],
    rows,
  );
  return 'ok';
}

/** `Products`, `"Products"` and `[Products]` all name the table Products. */
function unquote(name: string): string {
  const m = /^(?:"(.*)"|\[(.*)\]|`(.*)`)$/s.exec(name);
  return m ? (m[1] ?? m[2] ?? m[3]) : name;
}

async function describe(session: Session, arg: string): Promise<Outcome> {
  const name = unquote(arg);
  const catalog = loadCatalog();
  const table = catalog.findTable(name);
  if (table) return describeTable(session, table);
  const procedure = catalog.findProcedure(name);
  if (procedure) return describeProcedure(session, procedure.name);
  const system = findSystemTable(name);
  if (system) {
    if (session.settings.format === 'table')
      session.notice(`System table "${system.name}": ${system.description}`);
    session.print(
      [
        { name: 'Column', dataType: 'string' },
        { name: 'Type', dataType: 'string' },
        { name: 'Description', dataType: 'string' },
      ],
      system.columns.map((c) => ({ Column: c.name, Type: c.type, Description: c.description })),
    );
    return 'ok';
  }
  const known = [
    ...catalog.tables.map((t) => t.name),
    ...catalog.procedures.map((p) => p.name),
    ...systemTables.map((t) => t.name),
  ];
  throw new SqlError(
    'ERR_UNKNOWN_TABLE',
    `no table or procedure "${name}"${didYouMean(name, known) || '; \\tables and \\procedures list them'}`,
    { property: name },
  );
}

async function describeTable(session: Session, table: TableDef): Promise<Outcome> {
  const columns = await session.query(
    'SELECT ColumnName, ProviderType, IsKey, IsNullable, Description FROM sys_tablecolumns WHERE TableName = ? ORDER BY Ordinal',
    [table.name],
  );
  const keys = await session.query(
    'SELECT ColumnName, ReferencedTableName, ReferencedColumnName FROM sys_keycolumns WHERE TableName = ? AND IsForeignKey',
    [table.name],
  );
  const references = new Map(
    keys.map((k) => [
      String(k.ColumnName),
      `${String(k.ReferencedTableName)}.${String(k.ReferencedColumnName)}`,
    ]),
  );
  const rows: Row[] = columns.map((c) => {
    const name = String(c.ColumnName);
    const key = [isTrue(c.IsKey) ? 'PK' : '', references.has(name) ? `FK ${references.get(name)}` : '']
      .filter(Boolean)
      .join(', ');
    const ops = Object.keys(table.filters?.[name] ?? {});
    return {
      Column: name,
      Type: c.ProviderType,
      Key: key,
      Nullable: isTrue(c.IsNullable) ? 'yes' : 'no',
      Filters: ops.join(' '),
      Write: writeMark(table, name),
      Description: c.Description,
    };
  });
  if (session.settings.format === 'table') {
    const parent = table.parent
      ? ` Read through ${table.parent.table} (${table.parent.column} = ${table.parent.table}.${table.parent.parentColumn}).`
      : '';
    session.notice(
      `${table.type === 'VIEW' ? 'View' : 'Table'} "${table.name}": ${table.description}${parent}`,
    );
  }
  session.print(
    ['Column', 'Type', 'Key', 'Nullable', 'Filters', 'Write', 'Description'].map((name) => ({
      name,
      dataType: 'string' as const,
    })),
    rows,
  );
  if (session.settings.format === 'table' && rows.some((r) => r.Filters !== '')) {
    session.notice('Filters: WHERE operators sent to the API; SQLite applies the whole WHERE either way.');
  }
  if (session.settings.format === 'table') session.notice(`${writesNote(table)}\n`);
  return 'ok';
}

/** `required` (INSERT must give it), `yes` (INSERT and UPDATE may set it), or blank (read-only). */
function writeMark(table: TableDef, column: string): string {
  if (!table.write) return '';
  if (table.write.required?.includes(column)) return 'required';
  return table.columns.find((c) => c.name === column)?.readOnly === false ? 'yes' : '';
}

function writesNote(table: TableDef): string {
  if (!table.write) return 'Read-only: BigCommerce offers no writes for this table.';
  const kinds = (['insert', 'update', 'delete'] as const).filter((k) => table.write![k]);
  return `Writes: ${kinds.map((k) => k.toUpperCase()).join(', ')}; Write: yes = INSERT and UPDATE may set it, required = INSERT must give it.`;
}

async function describeProcedure(session: Session, name: string): Promise<Outcome> {
  const rows = await session.query(
    'SELECT ColumnName, Direction, DataTypeName, IsRequired, [Default], [Values], Description ' +
      'FROM sys_procedureparameters WHERE ProcedureName = ? ORDER BY Ordinal',
    [name],
  );
  if (session.settings.format === 'table') {
    const def = loadCatalog().findProcedure(name);
    session.notice(`Procedure "${name}": ${def?.description ?? ''}`);
  }
  session.print(
    ['Parameter', 'Direction', 'Type', 'Required', 'Default', 'Values', 'Description'].map((n) => ({
      name: n,
      dataType: 'string' as const,
    })),
    rows.map((r) => ({
      Parameter: r.ColumnName,
      Direction: r.Direction,
      Type: r.DataTypeName,
      Required: isTrue(r.IsRequired) ? 'yes' : r.Direction === 'Input' ? 'no' : '',
      Default: r.Default,
      Values: r.Values,
      Description: r.Description,
    })),
  );
  return 'ok';
}

async function showConnection(session: Session): Promise<Outcome> {
  const rows = (await session.describeConnection()).map((p) => ({
    Property: p.name,
    Value: p.value,
    Default: p.default ?? p.defaultDescription,
  }));
  session.print(
    ['Property', 'Value', 'Default'].map((name) => ({ name, dataType: 'string' as const })),
    rows,
  );
  return 'ok';
}

function setFormat(session: Session, arg: string): Outcome {
  if (arg === '') {
    session.notice(`Output format is ${session.settings.format}.`);
    return 'ok';
  }
  const format = arg.toLowerCase();
  if (!isOutputFormat(format)) {
    throw new BigCommerceSqlError(
      'ERR_UNKNOWN_FORMAT',
      `unknown output format "${arg}"; use one of ${FORMATS.join(', ')}`,
    );
  }
  session.settings.format = format;
  session.notice(`Output format is ${format}.`);
  return 'ok';
}

function setTiming(session: Session, arg: string): Outcome {
  const value = arg.toLowerCase();
  if (value === '') session.settings.timing = !session.settings.timing;
  else if (value === 'on' || value === 'off') session.settings.timing = value === 'on';
  else throw new BigCommerceSqlError('ERR_BAD_ARGUMENT', `\\timing takes on or off, not "${arg}"`);
  session.notice(`Timing is ${session.settings.timing ? 'on' : 'off'}.`);
  return 'ok';
}

/** Booleans come back from SQLite as 1/0. */
function isTrue(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}
