/**
 * Reads node-sql-parser's AST of a SELECT (built from parserText.ts's text) into the facts the
 * engine needs: every table referenced, and for a plain one-table SELECT the pushdown facts.
 * The AST is treated as untyped data: only the fields used here are relied on.
 */
import { andTerms, asArray, constantOf, isNode, predicatesOf, type Node } from './astTerms';
import { joinFacts } from './analyzeJoin';
import type { JoinPushdown, Operand, Predicate, SingleTableSelect, TableRef } from './types';
import type { Constant } from './parserText';

export interface AnalyzeInput {
  constants: Constant[];
  names: string[];
  /** The TOP operand of the outermost SELECT, when it has one: an Operand, or null if not a constant. */
  top?: { operand: Operand | null };
}

export interface SelectAnalysis {
  tables: TableRef[];
  single: SingleTableSelect | null;
  joinPushdown: JoinPushdown[] | null;
  /** Schema-qualified table references, so the qualifier can be dropped from the SQLite text. */
  qualified: { parts: string[]; table: string }[];
  /** See ColumnReferences. */
  everyColumnOf: string[];
  aliases: { alias: string; table: string }[];
}

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'TOTAL', 'GROUP_CONCAT', 'STRING_AGG']);
export function analyzeSelect(root: Node, input: AnalyzeInput): SelectAnalysis {
  const realName = (s: string): string => {
    const m = /^__q(\d+)$/.exec(s);
    return m ? input.names[Number(m[1])] : s;
  };

  const selects: Node[] = [];
  walk(root, (n) => {
    if (n.type === 'select') selects.push(n);
  });

  const cteNames = new Set<string>();
  for (const s of selects) {
    for (const w of asArray(s.with)) {
      const name = isNode(w) && isNode(w.name) ? w.name.value : undefined;
      if (typeof name === 'string') cteNames.add(realName(name).toLowerCase());
    }
  }

  const tables: TableRef[] = [];
  const qualified: SelectAnalysis['qualified'] = [];
  const seen = new Set<string>();
  for (const s of selects) {
    for (const f of asArray(s.from)) {
      if (!isNode(f) || typeof f.table !== 'string') continue;
      const name = realName(f.table);
      const parts = [f.db, f.schema].filter((p): p is string => typeof p === 'string').map(realName);
      if (parts.length === 0 && cteNames.has(name.toLowerCase())) continue;
      if (parts.length > 0) qualified.push({ parts, table: name });
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      const ref: TableRef = { name, alias: typeof f.as === 'string' ? realName(f.as) : null };
      if (parts.length > 0) ref.schema = parts.join('.');
      tables.push(ref);
    }
  }

  const stars = starsAndAliases(selects, realName);
  const from = asArray(root.from);
  const isSingle =
    selects.length === 1 &&
    !root.with &&
    !root._next &&
    from.length === 1 &&
    isNode(from[0]) &&
    typeof from[0].table === 'string' &&
    tables.length === 1;
  const isJoin = selects.length === 1 && !root.with && !root._next && from.length > 1;
  return {
    tables,
    qualified,
    ...stars,
    single: isSingle ? singleFacts(root, tables[0], input, realName) : null,
    joinPushdown: isJoin ? joinFacts(root, from as Node[], input, realName) : null,
  };
}

/**
 * `SELECT *` reads every column of each table in its own FROM; `t.*` every column of `t`. Aliases
 * are kept per FROM item, since a table may appear under several.
 */
function starsAndAliases(
  selects: Node[],
  realName: (s: string) => string,
): Pick<SelectAnalysis, 'everyColumnOf' | 'aliases'> {
  const everyColumnOf: string[] = [];
  const aliases: SelectAnalysis['aliases'] = [];
  for (const s of selects) {
    const tables = asArray(s.from).filter((f): f is Node => isNode(f) && typeof f.table === 'string');
    for (const f of tables) {
      if (typeof f.as === 'string')
        aliases.push({ alias: realName(f.as), table: realName(f.table as string) });
    }
    if (s.columns === '*') everyColumnOf.push(...tables.map((f) => realName(f.table as string)));
    for (const c of asArray(s.columns)) {
      const expr = isNode(c) ? c.expr : undefined;
      if (!isNode(expr) || expr.type !== 'column_ref' || expr.column !== '*') continue;
      if (typeof expr.table === 'string') everyColumnOf.push(realName(expr.table));
      else everyColumnOf.push(...tables.map((f) => realName(f.table as string)));
    }
  }
  return { everyColumnOf, aliases };
}

function singleFacts(
  root: Node,
  table: TableRef,
  input: AnalyzeInput,
  realName: (s: string) => string,
): SingleTableSelect {
  const constant = (n: unknown): Operand | null => constantOf(n, input.constants);
  const qualifiers = new Set([table.name.toLowerCase(), table.alias?.toLowerCase()]);
  const column = (n: unknown): string | null => {
    if (!isNode(n) || n.type !== 'column_ref' || n.collate || n.db || n.schema) return null;
    const col = isNode(n.column) && isNode(n.column.expr) ? n.column.expr.value : n.column;
    if (typeof col !== 'string' || col === '*' || col.startsWith('@')) return null;
    if (n.table !== null && n.table !== undefined) {
      if (typeof n.table !== 'string' || !qualifiers.has(realName(n.table).toLowerCase())) return null;
    }
    return realName(col);
  };

  const conjuncts: Predicate[] = [];
  let residual = false;
  for (const term of andTerms(root.where)) {
    const found = predicatesOf(term, column, constant);
    if (found) conjuncts.push(...found);
    else residual = true;
  }

  const { limit, offset, limitUnknown } = limitOf(root, input, constant);
  const orderBy = asArray(root.orderby).length > 0;
  const groupBy = isNode(root.groupby)
    ? asArray(root.groupby.columns).length > 0
    : asArray(root.groupby).length > 0;
  const distinct = !!root.distinct;
  const hasHaving = !!root.having;
  let aggregates = false;
  walk({ c: root.columns, h: root.having, o: root.orderby }, (n) => {
    if (isAggregate(n)) aggregates = true;
  });

  // COUNT(*) answers one row: a LIMIT of at least 1 and no OFFSET cannot change it.
  const columns = asArray(root.columns);
  const harmlessLimit =
    !limitUnknown && (limit === null || (limit.kind === 'literal' && Number(limit.value) >= 1));
  const noOffset = offset === null || (offset.kind === 'literal' && offset.value === 0);
  const countStar =
    columns.length === 1 &&
    isCountStar(isNode(columns[0]) ? columns[0].expr : undefined, constant) &&
    !groupBy &&
    !hasHaving &&
    !distinct &&
    !orderBy &&
    harmlessLimit &&
    noOffset;

  return { table, conjuncts, residual, limit, offset, orderBy, groupBy, distinct, aggregates, countStar };
}

function limitOf(
  root: Node,
  input: AnalyzeInput,
  constant: (n: unknown) => Operand | null,
): { limit: Operand | null; offset: Operand | null; limitUnknown: boolean } {
  let limitNode: unknown;
  let offsetNode: unknown;
  if (isNode(root.limit)) {
    const values = asArray(root.limit.value);
    if (root.limit.seperator === ',' && values.length === 2) [offsetNode, limitNode] = values;
    else [limitNode, offsetNode] = values;
  }
  let limit = limitNode === undefined ? null : constant(limitNode);
  let offset = offsetNode === undefined ? null : constant(offsetNode);
  if (input.top) limit = input.top.operand;
  const hasLimit = limitNode !== undefined || !!input.top;
  const limitUnknown = (hasLimit && !limit) || (offsetNode !== undefined && !offset);
  // Not a constant (an expression): report no limit at all, so nothing relies on it.
  if (limitUnknown) return { limit: null, offset: null, limitUnknown };
  // SQLite: a negative LIMIT means no limit; a negative OFFSET counts as zero.
  if (limit?.kind === 'literal' && typeof limit.value === 'number' && limit.value < 0) limit = null;
  if (offset?.kind === 'literal' && typeof offset.value === 'number' && offset.value < 0) offset = null;
  return { limit, offset, limitUnknown };
}

function isAggregate(n: Node): boolean {
  if (n.type === 'aggr_func') return true;
  if (n.type === 'function') {
    // Window functions (… OVER) read every row of the table, like aggregates.
    if (n.over) return true;
    const name = functionName(n);
    return name !== null && AGGREGATES.has(name.toUpperCase());
  }
  return false;
}

function functionName(n: Node): string | null {
  if (typeof n.name === 'string') return n.name;
  if (isNode(n.name)) {
    const parts = asArray(n.name.name);
    const last = parts[parts.length - 1];
    if (isNode(last) && typeof last.value === 'string') return last.value;
  }
  return null;
}

function isCountStar(expr: unknown, constant: (n: unknown) => Operand | null): boolean {
  if (
    !isNode(expr) ||
    expr.type !== 'aggr_func' ||
    String(expr.name).toUpperCase() !== 'COUNT' ||
    expr.over
  ) {
    return false;
  }
  const args = isNode(expr.args) ? expr.args : {};
  if (args.distinct) return false;
  const arg = args.expr;
  if (isNode(arg) && arg.type === 'star') return true;
  const one = constant(arg);
  return one?.kind === 'literal' && one.value === 1;
}

function walk(x: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(x)) {
    for (const item of x) walk(item, visit);
  } else if (isNode(x)) {
    visit(x);
    for (const v of Object.values(x)) walk(v, visit);
  }
}
