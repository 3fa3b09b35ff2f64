/**
 * Reading WHERE/ON terms of node-sql-parser's AST as `column op constant(s)` predicates, shared by
 * the one-table facts (analyzeSelect.ts) and the join facts (analyzeJoin.ts).
 */
import type { CompareOp, Operand, Predicate } from './types';
import type { Constant } from './parserText';

export type Node = Record<string, unknown>;

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

export const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The top-level AND chain (parenthesised ANDs included). */
export function andTerms(where: unknown): unknown[] {
  if (!where) return [];
  if (isNode(where) && where.type === 'binary_expr' && where.operator === 'AND') {
    return [...andTerms(where.left), ...andTerms(where.right)];
  }
  return [where];
}

export function predicatesOf(
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

export function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
