/**
 * Runs a SELECT: plan → fetch (concurrently, into a per-statement SQLite database) → let SQLite run
 * the statement as written → values typed by their columns' declared types (the caller shapes rows).
 *
 * The statement is compiled against the empty staged tables before any HTTP request, so unknown
 * columns and SQL errors cost no API calls.
 */
import type Database from 'better-sqlite3';
import { ApiError, BigCommerceSqlError, SqlError, didYouMean } from '../errors';
import type { SelectStatement } from '../sql/types';
import type { DataType, FieldInfo, QueryParams } from '../types';
import type { ExecutionContext } from './context';
import { fetchTable, tableDef } from './fetchTables';
import type { BoundParameters } from './bindParameters';
import { planSelect, unknownTable, type ApiTablePlan, type QueryPlan, type TablePlan } from './planSelect';
import { stagedColumns, unprojected } from './projection';
import { runProcedure } from './runProcedure';
import { typedStatement } from './typedStatement';
import { toRow, type EngineResult } from './rowShape';
import { valueTyper } from './sqlValues';
import { createStaging, type PreparedSql, type Staging, type StageTable } from './stage';
import { withoutWhere } from '../sql/withoutWhere';
import { StatementCursor, type Batch, type StatementRun } from './statementWorker';
import { runsInline } from './runsInline';

/** A system table (sys_tables …) as the engine stages it. */
export interface SystemTableSource {
  name: string;
  columns: { name: string; type: DataType }[];
  rows(): Record<string, unknown>[];
}

export interface SelectEnvironment {
  systemTables: SystemTableSource[];
}

/** Runs a SELECT to completion: every row as typed values in column order. */
export async function executeSelect(
  ctx: ExecutionContext,
  stmt: SelectStatement,
  params: QueryParams | undefined,
  env: SelectEnvironment,
): Promise<EngineResult> {
  const apiBefore = ctx.client.requestCount;
  const oauthBefore = ctx.oauthRequests.count;
  const prepared = await prepareSelect(ctx, stmt, params, env);
  try {
    const { fields, raw } = await runPrepared(prepared, ctx);
    return {
      command: 'SELECT',
      fields,
      values: raw.map(valueTyper(fields)),
      warnings: ctx.warnings,
      requestCount: ctx.client.requestCount - apiBefore + (ctx.oauthRequests.count - oauthBefore),
      ...(prepared.servedFrom ? { servedFrom: prepared.servedFrom } : {}),
    };
  } finally {
    prepared.staging.close();
  }
}

/** A SELECT whose rows are read one at a time (see streamSelect); close() ends it early. */
export interface SelectStream {
  fields: FieldInfo[];
  values(): AsyncGenerator<unknown[]>;
  close(): void;
}

/** Rows a stream asks the statement worker for at a time. */
const STREAM_BATCH = 256;

/**
 * Fetches and stages, then hands back the rows to read one at a time: the result is never
 * collected into an array, and with on-disk staging (above StagingRowThreshold) neither is the
 * staged data. SQLite runs on a worker (statementWorker.ts) that sends the rows in batches.
 */
export async function streamSelect(
  ctx: ExecutionContext,
  stmt: SelectStatement,
  params: QueryParams | undefined,
  env: SelectEnvironment,
): Promise<SelectStream> {
  const prepared = await prepareSelect(ctx, stmt, params, env);
  if (prepared.count !== undefined) {
    const { fields, raw } = countResult(prepared.compiled, prepared.count);
    return {
      fields,
      async *values() {
        yield* raw;
      },
      close: () => prepared.staging.close(),
    };
  }
  const { staging, stmt: run } = prepared;
  let cursor: RowCursor | undefined;
  try {
    const { statement, columns } = prepared.recompile ? compile(staging, run, ctx) : prepared.compiled;
    const fields = fieldsOf(staging, columns);
    cursor = openCursor(prepared, ctx, statement, STREAM_BATCH);
    const open = cursor;
    const typed = valueTyper(fields);
    return {
      fields,
      async *values() {
        for (;;) {
          const batch = await open.next().catch((err: unknown) => runSql(() => { throw err; }, staging, run)); // prettier-ignore
          for (const r of batch.rows) yield typed(r);
          if (batch.done) return;
        }
      },
      close() {
        open.close();
        staging.close();
      },
    };
  } catch (err) {
    cursor?.close();
    staging.close();
    throw err;
  }
}

interface RowCursor {
  next(): Promise<Batch>;
  close(): void;
}

/**
 * The rows of the prepared statement: read on the main thread when the statement's work is bounded
 * by one table's rows (runsInline), else from a worker process that QueryTimeout, abort and
 * close() can stop. Without `batchSize` the first batch holds every row.
 */
function openCursor(
  prepared: Prepared,
  ctx: ExecutionContext,
  statement: Database.Statement,
  batchSize?: number,
): RowCursor {
  if (!runsInline(prepared.stmt)) return new StatementCursor(statementRun(prepared, ctx), batchSize);
  const run = statement.raw(true);
  if (batchSize === undefined) {
    return {
      next: async () => ({ rows: run.all(...prepared.bound.args) as unknown[][], done: true }),
      close: () => undefined,
    };
  }
  const iterator = run.iterate(...prepared.bound.args) as IterableIterator<unknown[]>;
  return {
    async next() {
      const rows: unknown[][] = [];
      for (let n = iterator.next(); ; n = iterator.next()) {
        if (n.done) return { rows, done: true };
        rows.push(n.value);
        if (rows.length >= batchSize) return { rows, done: false };
      }
    },
    close: () => void iterator.return?.(),
  };
}

/**
 * Runs the prepared statement on the statement worker, or answers COUNT(*) from the API's total.
 * Fields take the staged columns' declared types; an expression's type is inferred from the rows.
 */
async function runPrepared(
  prepared: Prepared,
  ctx: ExecutionContext,
): Promise<{ fields: FieldInfo[]; raw: unknown[][] }> {
  if (prepared.count !== undefined) return countResult(prepared.compiled, prepared.count);
  const { staging, stmt: run } = prepared;
  const { statement, columns } = prepared.recompile ? compile(staging, run, ctx) : prepared.compiled;
  const cursor = openCursor(prepared, ctx, statement);
  try {
    const { rows } = await cursor.next().catch((err: unknown) => runSql(() => { throw err; }, staging, run)); // prettier-ignore
    return { fields: fieldsOf(staging, columns, rows), raw: rows };
  } finally {
    cursor.close();
  }
}

function statementRun(prepared: Prepared, ctx: ExecutionContext): StatementRun {
  const { staging } = prepared;
  return {
    sql: prepared.stmt.text,
    args: prepared.bound.args,
    source: staging.file ? { file: staging.file } : { buffer: staging.db.serialize() },
    timeoutSeconds: ctx.options.QueryTimeout ?? 300,
    signal: ctx.signal,
  };
}

function fieldsOf(staging: Staging, columns: Database.ColumnDefinition[], rows?: unknown[][]): FieldInfo[] {
  return columns.map((c, i) => ({
    name: c.name,
    dataType: declaredDataType(staging, c) ?? (rows ? inferType(rows, i) : 'string'),
  }));
}

interface Prepared {
  staging: Staging;
  /** The statement SQLite runs: the user's, or for a procedure the user's without its WHERE. */
  stmt: SelectStatement;
  bound: BoundParameters;
  compiled: PreparedSql;
  /** Staging moved to disk after the statement was compiled, so it must be compiled again. */
  recompile: boolean;
  count?: number;
  /** The rows are the replica's (see replicaHooks.ts). */
  servedFrom?: string;
}

async function prepareSelect(
  ctx: ExecutionContext,
  stmt: SelectStatement,
  params: QueryParams | undefined,
  env: SelectEnvironment,
): Promise<Prepared> {
  const typed = typedStatement(stmt, params, ctx.catalog, env.systemTables);
  const bound = typed.bound;
  stmt = typed.stmt;
  const planned = planSelect(stmt, ctx.catalog, ctx.options, bound.values, {
    systemTables: env.systemTables.map((t) => t.name),
  });
  if (planned.kind === 'procedure') return prepareProcedure(ctx, stmt, planned, bound);
  logPlan(ctx, planned);
  const cached = await ctx.cache?.open(
    ctx,
    planned.tables.map((t) => t.table),
  );
  if (cached) {
    const compiled = compile(cached.staging, stmt, ctx);
    return {
      staging: cached.staging,
      stmt,
      bound,
      compiled,
      recompile: false,
      servedFrom: cached.servedFrom,
    };
  }

  // Compile before any request: unknown columns and SQL errors cost no API calls.
  const { staging, compiled, plan } = stageAndCompile(ctx, stmt, planned, env);
  try {
    const count = await fetchAll(ctx, plan, staging, env);
    if (ctx.signal?.aborted) throw cancelled();
    return { staging, stmt, bound, compiled, recompile: staging.onDisk, count };
  } catch (err) {
    staging.close();
    throw err;
  }
}

/**
 * `SELECT … FROM Proc WHERE Param = value AND …` (how BI tools call procedures): the WHERE terms
 * are the procedure's arguments; its rows are staged as a table named like the procedure, and
 * SQLite runs the rest of the statement over them (select list, ORDER BY, LIMIT …). The WHERE is
 * left out of what SQLite runs: it held inputs, not conditions on the result (see withoutWhere).
 */
async function prepareProcedure(
  ctx: ExecutionContext,
  stmt: SelectStatement,
  plan: Extract<QueryPlan, { kind: 'procedure' }>,
  bound: BoundParameters,
): Promise<Prepared> {
  const def = ctx.catalog.findProcedure(plan.procedure)!;
  const { text, removedPositional } = withoutWhere(stmt.text);
  const run: SelectStatement = { ...stmt, text };
  const args = bound.args.filter((_, i) => !removedPositional.includes(i));
  const staging = createStaging({
    threshold: ctx.options.StagingRowThreshold,
    tables: [{ name: def.name, columns: def.result }],
  });
  try {
    // Compile first: a typo in the select list must not spend a single-use authorization code.
    const compiled = compile(staging, run, ctx);
    const exec = { kind: 'exec' as const, procedure: plan.procedure, args: plan.args, text: stmt.text };
    const result = await runProcedure(ctx, exec, bound.values);
    staging.insertRecords(
      def.name,
      result.values.map((v) => toRow(v, result.fields)),
    );
    return { staging, stmt: run, bound: { ...bound, args }, compiled, recompile: staging.onDisk };
  } catch (err) {
    staging.close();
    throw err;
  }
}

/**
 * Staging for the plan's tables with the statement compiled over it. Should the projection have
 * left out a column the statement names, the plan reads every column instead: a column missing
 * from staging must never be what fails a statement (and a typo's suggestions use every column).
 */
function stageAndCompile(
  ctx: ExecutionContext,
  stmt: SelectStatement,
  plan: Extract<QueryPlan, { kind: 'tables' }>,
  env: SelectEnvironment,
): { staging: Staging; compiled: PreparedSql; plan: Extract<QueryPlan, { kind: 'tables' }> } {
  const stage = (p: typeof plan) =>
    createStaging({
      threshold: ctx.options.StagingRowThreshold,
      tables: p.tables.map((t) => stageTableOf(ctx, t, env)),
    });
  let staging = stage(plan);
  try {
    return { staging, compiled: compile(staging, stmt, ctx), plan };
  } catch (err) {
    staging.close();
    const wide = unprojected(plan);
    if (!(err instanceof SqlError) || err.code !== 'ERR_UNKNOWN_COLUMN' || wide === plan) throw err;
    plan = wide;
  }
  staging = stage(plan);
  try {
    return { staging, compiled: compile(staging, stmt, ctx), plan };
  } catch (err) {
    staging.close();
    throw err;
  }
}

function stageTableOf(ctx: ExecutionContext, plan: TablePlan, env: SelectEnvironment): StageTable {
  const name = plan.table;
  const system = env.systemTables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (system) return { name: system.name, columns: system.columns };
  const def = tableDef(ctx, name);
  const columns = stagedColumns(def, plan.source === 'api' ? plan : undefined);
  return def.unnest ? { name: def.name, columns, unnest: def.unnest } : { name: def.name, columns };
}

/** Fetches every table concurrently; the first failure cancels the others. Returns the API count in count mode. */
async function fetchAll(
  ctx: ExecutionContext,
  plan: Extract<QueryPlan, { kind: 'tables' }>,
  staging: Staging,
  env: SelectEnvironment,
): Promise<number | undefined> {
  const controller = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal;
  const inner: ExecutionContext = { ...ctx, signal };
  let count: number | undefined;
  const fetchOne = async (t: TablePlan) => {
    if (t.source === 'system') {
      const source = env.systemTables.find((s) => s.name === t.table)!;
      staging.insertRecords(source.name, source.rows());
      return;
    }
    const n = await fetchTable(inner, t, staging);
    if (t.mode === 'count') count = n;
  };
  try {
    // A dependent fetch reads its parent's staged keys: those tables go once their parent is in.
    let waiting = plan.tables;
    const done = new Set<string>();
    while (waiting.length > 0) {
      const ready = waiting.filter(
        (t) => t.source !== 'api' || !t.dependsOn || done.has(t.dependsOn.table.toLowerCase()),
      );
      if (ready.length === 0)
        throw new BigCommerceSqlError('ERR_INTERNAL', 'dependent fetches wait on each other');
      await Promise.all(ready.map(fetchOne));
      ready.forEach((t) => done.add(t.table.toLowerCase()));
      waiting = waiting.filter((t) => !ready.includes(t));
    }
  } catch (err) {
    controller.abort();
    throw err;
  }
  return count;
}

/** COUNT(*) answered from the API's total (the select list is that one column). */
function countResult(compiled: PreparedSql, count: number): { fields: FieldInfo[]; raw: unknown[][] } {
  const name = compiled.columns[0]?.name ?? 'COUNT(*)';
  return { fields: [{ name, dataType: 'integer' }], raw: [[count]] };
}

function compile(staging: Staging, stmt: SelectStatement, ctx: ExecutionContext): PreparedSql {
  const compiled = runSql(() => staging.prepare(stmt.text), staging, stmt, ctx);
  if (!compiled.statement.reader) {
    throw new SqlError('ERR_SQL', 'only statements that return rows can run over BigCommerce tables');
  }
  return compiled;
}

/** Runs a better-sqlite3 call, turning SQLite's errors into SqlErrors that name the fix. */
function runSql<T>(fn: () => T, staging: Staging, stmt: SelectStatement, ctx?: ExecutionContext): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BigCommerceSqlError) throw err;
    const message = (err as Error).message ?? String(err);
    const column = unknownColumn(message);
    if (column) {
      throw new SqlError(
        'ERR_UNKNOWN_COLUMN',
        `no column "${column.name}"${didYouMean(column.bare, staging.columnNames())} in ${stmt.tables.map((t) => t.name).join(', ')}`,
        { property: column.name },
      );
    }
    const m = /^no such table: (?:main\.)?(.+)$/.exec(message);
    if (m && ctx) throw unknownTable(m[1], ctx.catalog, { systemTables: [] });
    throw new SqlError('ERR_SQL', `SQLite: ${message}`);
  }
}

/**
 * The column an SQLite "no such column" error names. A double-quoted name that matches no column
 * is one SQLite would have taken for a string literal, so it says `no such column: "Nmae" - should
 * this be a string literal in single-quotes?`; the name is the part between the outer quotes
 * (a dot in it is part of the name). Otherwise it is `Nmae` or `p.Nmae` (also for [Nmae], `Nmae`).
 */
function unknownColumn(message: string): { name: string; bare: string } | undefined {
  const quoted = /^no such column: "(.*)" - should this be a string literal in single-quotes\?$/s.exec(
    message,
  );
  if (quoted) return { name: quoted[1], bare: quoted[1] };
  const plain = /^no such column: (.+)$/s.exec(message);
  if (plain) return { name: plain[1], bare: plain[1].split('.').pop()! };
  return undefined;
}

function declaredDataType(staging: Staging, c: Database.ColumnDefinition): DataType | undefined {
  if (!c.table || !c.column) return undefined;
  return staging.columnType(c.table, c.column);
}

/** An expression's type, from what it produced. */
function inferType(rows: unknown[][], i: number): DataType {
  let sawNumber = false;
  let sawDecimal = false;
  for (const r of rows) {
    const v = r[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') {
      sawNumber = true;
      if (!Number.isInteger(v)) sawDecimal = true;
    } else if (typeof v === 'bigint') sawNumber = true;
    else return 'string';
  }
  return sawDecimal ? 'decimal' : sawNumber ? 'integer' : 'string';
}

function cancelled(): ApiError {
  return new ApiError('ERR_CANCELLED', 'the statement was cancelled');
}

function logPlan(ctx: ExecutionContext, plan: Extract<QueryPlan, { kind: 'tables' }>): void {
  ctx.logger.log(
    3,
    `plan: ${plan.tables.map((t) => (t.source === 'system' ? t.table : describe(t))).join('; ')}`,
  );
}

function describe(t: ApiTablePlan): string {
  const q = Object.entries(t.query)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
  return `${t.table} ${t.mode} ${t.path}${q ? `?${q}` : ''}${t.limit !== undefined ? ` limit ${t.limit}` : ''}`;
}
