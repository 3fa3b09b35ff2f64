/**
 * Reads node-sql-parser's AST of a SELECT (built from parserText.ts's text) into the facts the
 * engine needs: every table referenced, and for a plain one-table SELECT the pushdown facts.
 * The AST is treated as untyped data: only the fields used here are relied on.
 */
import type { CompareOp, JoinPushdown, Operand, Predicate, SingleTableSelect, TableRef } from './types';
import type { Constant } from './parserText';

type Node = Record<string, unknown>;

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
}

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'TOTAL', 'GROUP_CONCAT', 'STRING_AGG']);
const COMPARE: Record<string, CompareOp> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const FLIPPED: Record<CompareOp, CompareOp> = {
  '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=',
  IN: 'IN', 'NOT IN': 'NOT IN', LIKE: 'LIKE', 'IS NULL': 'IS NULL', 'IS NOT NULL': 'IS NOT NULL',
}; // prettier-ignore

const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

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

  const from = asArray(root.from);
  const isSingle =
    selects.length === 1 &&
    !root.with &&
    !root._next &&
    from.length === 1 &&
    isNode(from[0]) &&
    typeof from[0].table === 'string' &&
    tables.length === 1;
  const isJoin =
    selects.length === 1 && !root.with && !root._next && from.length > 1 && from.every(isInnerJoinItem);
  return {
    tables,
    qualified,
    single: isSingle ? singleFacts(root, tables[0], input, realName) : null,
    joinPushdown: isJoin ? joinFacts(root, from as Node[], input, realName) : null,
  };
}

/** A plain table joined so that a row failing its own WHERE terms can be in no result row. */
function isInnerJoinItem(f: unknown): boolean {
  if (!isNode(f) || typeof f.table !== 'string' || f.expr) return false;
  const join = f.join === undefined || f.join === null ? '' : String(f.join).toUpperCase();
  return join === '' || join === 'JOIN' || join === 'INNER JOIN' || join === 'CROSS JOIN';
}

/**
 * Qualified top-level WHERE terms per table. A qualifier naming several FROM items, a table that
 * appears twice (self-join) and unqualified columns are left alone: they stay SQLite's alone.
 */
function joinFacts(
  root: Node,
  from: Node[],
  input: AnalyzeInput,
  realName: (s: string) => string,
): JoinPushdown[] {
  const items = from.map((f) => {
    const table: TableRef = {
      name: realName(f.table as string),
      alias: typeof f.as === 'string' ? realName(f.as) : null,
    };
    const parts = [f.db, f.schema].filter((p): p is string => typeof p === 'string').map(realName);
    if (parts.length > 0) table.schema = parts.join('.');
    return { table, qualifier: (table.alias ?? table.name).toLowerCase(), conjuncts: [] as Predicate[] };
  });
  const count = (key: (i: (typeof items)[number]) => string, value: string): number =>
    items.filter((i) => key(i) === value).length;
  const constant = (n: unknown): Operand | null => constantOf(n, input.constants);

  for (const term of andTerms(root.where)) {
    let owner: (typeof items)[number] | undefined;
    let ambiguous = false;
    const column = (n: unknown): string | null => {
      if (!isNode(n) || n.type !== 'column_ref' || n.collate || n.db || n.schema) return null;
      if (typeof n.table !== 'string') return null;
      const col = isNode(n.column) && isNode(n.column.expr) ? n.column.expr.value : n.column;
      if (typeof col !== 'string' || col === '*' || col.startsWith('@')) return null;
      const q = realName(n.table).toLowerCase();
      const matches = items.filter((i) => i.qualifier === q);
      if (matches.length !== 1 || (owner && owner !== matches[0])) {
        ambiguous = true;
        return null;
      }
      owner = matches[0];
      return realName(col);
    };
    const found = predicatesOf(term, column, constant);
    if (found && owner && !ambiguous) owner.conjuncts.push(...found);
  }
  return items
    .filter((i) => count((x) => x.table.name.toLowerCase(), i.table.name.toLowerCase()) === 1)
    .map((i) => ({ table: i.table, conjuncts: i.conjuncts }));
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

/** The top-level AND chain (parenthesised ANDs included). */
function andTerms(where: unknown): unknown[] {
  if (!where) return [];
  if (isNode(where) && where.type === 'binary_expr' && where.operator === 'AND') {
    return [...andTerms(where.left), ...andTerms(where.right)];
  }
  return [where];
}

function predicatesOf(
  term: unknown,
  column: (n: unknown) => string | null,
  constant: (n: unknown) => Operand | null,
): Predicate[] | null {
  if (!isNode(term) || term.type !== 'binary_expr') return null;
  const op = String(term.operator).toUpperCase();
  const left = column(term.left);
  if (op in COMPARE) {
    const right = constant(term.right);
    if (left !== null && right) return [{ column: left, op: COMPARE[op], values: [right] }];
    const flippedCol = column(term.right);
    const flippedVal = constant(term.left);
    if (flippedCol !== null && flippedVal) {
      return [{ column: flippedCol, op: FLIPPED[COMPARE[op]], values: [flippedVal] }];
    }
    return null;
  }
  if (left === null) return null;
  if (op === 'IN' || op === 'NOT IN') {
    const list = isNode(term.right) && term.right.type === 'expr_list' ? asArray(term.right.value) : null;
    const values = list?.map(constant);
    if (!values || values.length === 0 || values.some((v) => !v)) return null;
    return [{ column: left, op: op as CompareOp, values: values as Operand[] }];
  }
  if (op === 'LIKE') {
    const pattern = constant(term.right);
    return pattern ? [{ column: left, op: 'LIKE', values: [pattern] }] : null;
  }
  if (op === 'BETWEEN') {
    const bounds = isNode(term.right) ? asArray(term.right.value).map(constant) : [];
    if (bounds.length !== 2 || !bounds[0] || !bounds[1]) return null;
    return [
      { column: left, op: '>=', values: [bounds[0]] },
      { column: left, op: '<=', values: [bounds[1]] },
    ];
  }
  if ((op === 'IS' || op === 'IS NOT') && isNode(term.right) && term.right.type === 'null') {
    return [{ column: left, op: op === 'IS' ? 'IS NULL' : 'IS NOT NULL', values: [] }];
  }
  return null;
}

/** A literal, a placeholder, or null when the node is anything else. */
export function constantOf(n: unknown, constants: Constant[]): Operand | null {
  if (!isNode(n)) return null;
  const lookup = (v: unknown): Operand | null => {
    const c = constants[Number(v) - 1];
    return c && c.kind !== 'opaque' ? c : null;
  };
  switch (n.type) {
    case 'number': {
      const v = Number(n.value);
      if (!Number.isInteger(v) || v === 0) return null;
      return v > 0 ? lookup(v) : negate(lookup(-v));
    }
    case 'single_quote_string':
      return lookup(n.value);
    case 'bool':
      return { kind: 'literal', value: n.value === true || String(n.value).toUpperCase() === 'TRUE' };
    case 'null':
      return { kind: 'literal', value: null };
    case 'unary_expr': {
      const inner = constantOf(n.expr, constants);
      if (n.operator === '+' && inner?.kind === 'literal' && typeof inner.value === 'number') return inner;
      return n.operator === '-' ? negate(inner) : null;
    }
    case 'column_ref':
      return typeof n.column === 'string' && n.column.startsWith('@') && !n.table
        ? placeholder(n.column.slice(1))
        : null;
    case 'var':
      return typeof n.name === 'string' ? placeholder(n.name) : null;
    default:
      return null;
  }
}

function placeholder(name: string): Operand {
  const m = /^__p(\d+)$/.exec(name);
  return m ? { kind: 'param', index: Number(m[1]) } : { kind: 'named', name };
}

function negate(o: Operand | null): Operand | null {
  return o?.kind === 'literal' && typeof o.value === 'number' ? { kind: 'literal', value: -o.value } : null;
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

function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

function walk(x: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(x)) {
    for (const item of x) walk(item, visit);
  } else if (isNode(x)) {
    visit(x);
    for (const v of Object.values(x)) walk(v, visit);
  }
}
