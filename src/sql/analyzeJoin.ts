/**
 * Join facts for pushdown (see JoinPushdown in types.ts). Each FROM item gets the terms that
 * narrow its own rows: its WHERE terms, the ON terms of an inner join, the ON terms of a LEFT
 * JOIN's inner side about that side, and every such term carried across a column equality
 * (`o.Id = 5` with `i.OrderId = o.Id` gives `i.OrderId = 5`). Equalities in WHERE and in inner
 * ON clauses carry both ways; the ON equality of a LEFT JOIN carries only into its inner side,
 * whose missing rows become NULLs rather than dropping the outer row.
 */
import { andTerms, constantOf, isNode, predicatesOf, type Node } from './astTerms';
import type { AnalyzeInput } from './analyzeSelect';
import type { CompareOp, JoinKey, JoinPushdown, Operand, Predicate, TableRef } from './types';

interface Item {
  table: TableRef;
  qualifier: string;
  /** The inner side of a LEFT JOIN: its rows may be missing (NULL-extended). */
  nullable: boolean;
  conjuncts: Predicate[];
  keys: JoinKey[];
}

interface Edge {
  from: Item;
  fromColumn: string;
  to: Item;
  toColumn: string;
}

const INNER = new Set(['', 'JOIN', 'INNER JOIN', 'CROSS JOIN']);
const LEFT = new Set(['LEFT JOIN', 'LEFT OUTER JOIN']);
// Terms a carried equality preserves: the same value passes or fails them on either column.
const CARRIED = new Set<CompareOp>(['=', '<>', '<', '<=', '>', '>=', 'IN', 'NOT IN']);

export function joinFacts(
  root: Node,
  from: Node[],
  input: AnalyzeInput,
  realName: (s: string) => string,
): JoinPushdown[] | null {
  const items: Item[] = [];
  for (const f of from) {
    if (typeof f.table !== 'string' || f.expr || f.using) return null;
    const join = f.join === undefined || f.join === null ? '' : String(f.join).toUpperCase();
    if (!INNER.has(join) && !LEFT.has(join)) return null;
    const table: TableRef = {
      name: realName(f.table),
      alias: typeof f.as === 'string' ? realName(f.as) : null,
    };
    const parts = [f.db, f.schema].filter((p): p is string => typeof p === 'string').map(realName);
    if (parts.length > 0) table.schema = parts.join('.');
    const qualifier = (table.alias ?? table.name).toLowerCase();
    items.push({ table, qualifier, nullable: LEFT.has(join), conjuncts: [], keys: [] });
  }
  const edges: Edge[] = [];
  const constant = (n: unknown): Operand | null => constantOf(n, input.constants);
  const columnRef = (n: unknown): { item: Item; column: string } | null => {
    if (!isNode(n) || n.type !== 'column_ref' || n.collate || n.db || n.schema) return null;
    if (typeof n.table !== 'string') return null;
    const col = isNode(n.column) && isNode(n.column.expr) ? n.column.expr.value : n.column;
    if (typeof col !== 'string' || col === '*' || col.startsWith('@')) return null;
    const matches = items.filter((i) => i.qualifier === realName(n.table as string).toLowerCase());
    return matches.length === 1 ? { item: matches[0], column: realName(col) } : null;
  };

  /** One term: an equality between two items' columns, or terms on one item's columns. */
  const readTerm = (term: unknown, accept: (owner: Item) => boolean, carryInto?: Item): void => {
    if (isNode(term) && term.type === 'binary_expr' && term.operator === '=') {
      const a = columnRef(term.left);
      const b = columnRef(term.right);
      if (a && b && a.item !== b.item) {
        if (!carryInto || carryInto === b.item) edges.push({ from: a.item, fromColumn: a.column, to: b.item, toColumn: b.column }); // prettier-ignore
        if (!carryInto || carryInto === a.item) edges.push({ from: b.item, fromColumn: b.column, to: a.item, toColumn: a.column }); // prettier-ignore
        return;
      }
    }
    let owner: Item | undefined;
    let mixed = false;
    const column = (n: unknown): string | null => {
      // A literal or placeholder is not a column; a column this cannot attribute spoils the term.
      if (!isNode(n) || n.type !== 'column_ref' || constant(n)) return null;
      const ref = columnRef(n);
      if (!ref || (owner && owner !== ref.item)) {
        mixed = true;
        return null;
      }
      owner = ref.item;
      return ref.column;
    };
    const found = predicatesOf(term, column, constant);
    if (!found || !owner || mixed || !accept(owner)) return;
    // `WHERE i.Id IS NULL` over a LEFT JOIN keeps exactly the outer rows without a match.
    if (owner.nullable && found.some((p) => p.op === 'IS NULL')) return;
    owner.conjuncts.push(...found);
  };

  for (const term of andTerms(root.where)) readTerm(term, () => true);
  from.forEach((f, k) => {
    const item = items[k];
    for (const term of andTerms(f.on)) {
      if (item.nullable) readTerm(term, (owner) => owner === item, item);
      else readTerm(term, () => true);
    }
  });
  carry(edges);
  for (const e of edges) e.to.keys.push({ column: e.toColumn, from: e.from.table, fromColumn: e.fromColumn });

  const once = (i: Item) => items.filter((x) => x.table.name.toLowerCase() === i.table.name.toLowerCase()).length === 1; // prettier-ignore
  return items.filter(once).map((i) => ({ table: i.table, conjuncts: i.conjuncts, keys: i.keys }));
}

/** Copies terms across equalities until nothing new arrives. */
function carry(edges: Edge[]): void {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const key = (p: Predicate) => JSON.stringify([p.column.toLowerCase(), p.op, p.values]);
  for (let round = 0, changed = true; changed && round < 8; round++) {
    changed = false;
    for (const e of edges) {
      const have = new Set(e.to.conjuncts.map(key));
      for (const p of e.from.conjuncts.filter((c) => CARRIED.has(c.op) && same(c.column, e.fromColumn))) {
        const copy: Predicate = { column: e.toColumn, op: p.op, values: p.values };
        if (have.has(key(copy))) continue;
        e.to.conjuncts.push(copy);
        have.add(key(copy));
        changed = true;
      }
    }
  }
}
