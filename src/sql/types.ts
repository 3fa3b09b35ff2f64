/** What parseStatement() returns: facts the engine needs, independent of node-sql-parser's AST. */

export type Operand =
  | { kind: 'literal'; value: string | number | boolean | null }
  /** A `?` placeholder, 0-based in order of appearance. */
  | { kind: 'param'; index: number }
  /** An `@name` placeholder; `name` without the `@`, as written. */
  | { kind: 'named'; name: string };

export interface ProcArg {
  /** Parameter name as written (without `@`); null for a positional argument. */
  name: string | null;
  value: Operand;
  /** 1-based position in the SQL text, for error messages. */
  position: number;
}

/** `EXEC Proc @A='x'`, `EXECUTE Proc A='x'`, `EXEC Proc 'a', 'b'`, `EXEC Proc A = ?`, `EXEC Proc @A = @p`. */
export interface ExecStatement {
  kind: 'exec';
  /** Procedure name as written (unquoted); a schema qualifier (`dbo.Proc`) is dropped. */
  procedure: string;
  args: ProcArg[];
  text: string;
  /** Placeholders used (always set by parseStatement): `?` count, and `@name`s without `@`. */
  positionalParams?: number;
  namedParams?: string[];
}

export type CompareOp =
  '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IN' | 'NOT IN' | 'LIKE' | 'IS NULL' | 'IS NOT NULL';

/** `column op values` taken from a top-level AND chain of WHERE. */
export interface Predicate {
  /** Column name as written (unquoted); the engine resolves it case-insensitively. */
  column: string;
  op: CompareOp;
  /** One operand for comparisons/LIKE, the list for IN/NOT IN, none for IS [NOT] NULL. */
  values: Operand[];
}

export interface TableRef {
  /** Table name as written (unquoted). */
  name: string;
  alias: string | null;
  /**
   * The schema/database qualifier the user wrote (`BigCommerce` in `BigCommerce.Products`,
   * `BigCommerce.dbo` for three parts); it is dropped from `name` and from the SQLite text.
   */
  schema?: string;
}

/**
 * Facts about a SELECT whose FROM is exactly one table (no join, union or subquery anywhere).
 * Pushdown, LIMIT shrinking and COUNT(*) shortcuts only look at these.
 */
export interface SingleTableSelect {
  table: TableRef;
  /** Terms of the top-level AND chain that have the form `column op constant(s)`. */
  conjuncts: Predicate[];
  /** True when WHERE has anything besides `conjuncts` (OR, functions, column-vs-column …). */
  residual: boolean;
  limit: Operand | null;
  offset: Operand | null;
  orderBy: boolean;
  groupBy: boolean;
  distinct: boolean;
  /** Any aggregate function in the select list or HAVING. */
  aggregates: boolean;
  /** The select list is exactly `COUNT(*)` (optionally aliased) with no GROUP BY/HAVING. */
  countStar: boolean;
}

/**
 * Terms of a join attributed to one table reference: its own `alias.column op constant` terms from
 * WHERE and ON, plus those carried to it across column equalities (`o.Id = 5` and
 * `i.OrderId = o.Id` give `i.OrderId = 5`). Only row-narrowing pushdown may use these: SQLite
 * re-applies the whole statement, and a row of this table failing one of them can be in no result
 * row. Into the inner side of a LEFT JOIN terms flow, never out of it. LIMIT and COUNT(*)
 * shortcuts never apply.
 */
export interface JoinPushdown {
  table: TableRef;
  conjuncts: Predicate[];
  /**
   * This table's columns that equal a column of another joined table whose rows restrict this
   * one's (so it can be fetched per key of that table, after it). Optional for hand-built facts.
   */
  keys?: JoinKey[];
}

export interface JoinKey {
  column: string;
  from: TableRef;
  fromColumn: string;
}

/**
 * What a SELECT can read, for staging only those columns and asking the API only for their
 * fields (engine/projection.ts). Deliberately generous: any name that could be a column counts.
 */
export interface ColumnReferences {
  /** Every identifier of the statement, with the name before its `.` when it has one. */
  names: { qualifier: string | null; name: string }[];
  /** Tables whose every column is read, by name or alias as written: each FROM table of a `SELECT *`, and `t` of `t.*`. */
  everyColumnOf: string[];
  /** Every FROM item's alias and table name, across all SELECTs of the statement. */
  aliases: { alias: string; table: string }[];
}

export interface SelectStatement {
  kind: 'select';
  /** The statement as SQLite should run it: `TOP n` rewritten to LIMIT, placeholders kept as written. */
  text: string;
  /** Every table referenced anywhere (FROM, JOIN, subqueries, UNION arms), deduplicated case-insensitively. */
  tables: TableRef[];
  single: SingleTableSelect | null;
  /**
   * For one SELECT (no UNION, CTE or subquery) over tables joined by JOIN/INNER JOIN/CROSS JOIN/
   * comma/LEFT JOIN: the terms per table (see JoinPushdown), for tables that appear once. Null
   * otherwise (RIGHT and FULL joins included). Optional so hand-built statements need not set it.
   */
  joinPushdown?: JoinPushdown[] | null;
  /** The columns it can read; absent (hand-built statements) means every column of every table. */
  columnRefs?: ColumnReferences;
  /** Placeholders used: `?` count, and `@name`s (without `@`). */
  positionalParams: number;
  namedParams: string[];
}

/**
 * `EXPLAIN <select>`: the plan of the SELECT, answered without sending a request. `EXPLAIN <write>`:
 * `select` is the write's read half (its WHERE, or INSERT's SELECT) and `write` the write itself.
 */
export interface ExplainStatement {
  kind: 'explain';
  select: SelectStatement;
  write?: WriteStatement;
  text: string;
  positionalParams: number;
  namedParams: string[];
}

/** `REPLICATE [INTO 'target'] { Table | TABLES (…) | ALL } [EXCLUDE COLUMNS (…)]` (parseReplicate.ts). */
export interface ReplicateStatement {
  kind: 'replicate';
  /** As written in INTO; absent means the connection's or the default target. */
  target?: string;
  tables: string[] | 'ALL';
  /** `Column` (any table) or `Table.Column`, as written. */
  excludeColumns: string[];
  text: string;
}

/** A piece of a write statement as the user wrote it: a value, SET expression, WHERE or SELECT. */
export interface SqlFragment {
  text: string;
  /** 0-based indexes, in the whole statement, of the `?` placeholders in it, in order. */
  params: number[];
  /** `@name` placeholders in it, without `@`. */
  named: string[];
  /** Set when the fragment is one constant or placeholder, so no SQLite is needed to evaluate it. */
  operand?: Operand;
}

export type WriteCommand = 'INSERT' | 'UPDATE' | 'DELETE' | 'UPSERT';

/**
 * `INSERT INTO t (cols) VALUES (…), (…)`, `INSERT INTO t (cols) SELECT …`,
 * `UPSERT INTO t (cols) VALUES …`, `UPDATE t [alias] SET c = expr, … [WHERE …]`,
 * `DELETE FROM t [alias] [WHERE …]`, each with an optional `RETURNING cols | *` (parseWrite.ts).
 */
export interface WriteStatement {
  kind: 'write';
  command: WriteCommand;
  table: TableRef;
  /** INSERT/UPSERT: the column list; UPDATE: the SET columns in order; DELETE: none. */
  columns: string[];
  /** INSERT/UPSERT … VALUES: one fragment per column, per row. */
  values?: SqlFragment[][];
  /** INSERT/UPSERT … SELECT: the SELECT, its columns matched to `columns` by position. */
  select?: SqlFragment;
  /** UPDATE: one expression per SET column (it may read the row's current values). */
  set?: SqlFragment[];
  /** UPDATE/DELETE: the condition; absent means every row of the table. */
  where?: SqlFragment;
  /** Column names of RETURNING (`*` stands for every column); null without RETURNING. */
  returning: string[] | null;
  text: string;
  positionalParams: number;
  namedParams: string[];
}

export type Statement =
  ExecStatement | SelectStatement | ExplainStatement | ReplicateStatement | WriteStatement;
