/**
 * The request budget of one tool call. Before running, the plan's estimate (EXPLAIN) decides; when
 * the estimate is unknown (an unbounded list, a fan-out), the pages read are counted as they
 * arrive and the statement is cancelled once they pass the budget.
 */
import type { Connection } from '../connection/Connection';
import type { QueryParams, ProgressEvent } from '../types';

export interface PlanCost {
  /** EXPLAIN's rows, arrays in EXPLAIN's column order. */
  fields: string[];
  rows: unknown[][];
  /** Sum of the per-table estimates; null when any is unknown. */
  total: number | null;
}

/** The plan and its estimated requests (no request is sent). */
export async function planCost(
  conn: Connection,
  sql: string,
  params: QueryParams | undefined,
): Promise<PlanCost> {
  const plan = await conn.query(`EXPLAIN ${sql}`, params, { rowMode: 'array' });
  const fields = plan.fields.map((f) => f.name);
  const at = fields.indexOf('Requests');
  let total: number | null = 0;
  for (const row of plan.rows) {
    const n = row[at];
    total = typeof n === 'number' && total !== null ? total + n : null;
  }
  return { fields, rows: plan.rows, total };
}

export function overBudgetMessage(total: number, budget: number): string {
  return (
    `this query would send about ${total} API requests, more than the request budget of ${budget}; nothing was sent. ` +
    'Narrow it (filter on Id or a parent key such as OrderId, add a date range, or LIMIT), ' +
    'check the plan with explain_query, or restart bcsql mcp with a larger --budget'
  );
}

/** Counts pages while a statement runs and cancels it once they pass the budget. */
export class RunningBudget {
  readonly #controller = new AbortController();
  readonly signal: AbortSignal;
  #pages = 0;

  constructor(
    readonly budget: number,
    outer: AbortSignal | undefined,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.#controller.signal]) : this.#controller.signal;
  }

  /** Pages read so far (one request each). */
  get pages(): number {
    return this.#pages;
  }

  /** True when this budget, not the caller, stopped the statement. */
  get exceeded(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Feed every progress event; a page arrival counts, a rate-limit wait does not. */
  onProgress(p: ProgressEvent): boolean {
    if (p.rateLimitWaitMs !== undefined) return false;
    this.#pages++;
    if (this.#pages > this.budget && !this.#controller.signal.aborted) this.#controller.abort();
    return true;
  }

  stoppedMessage(): string {
    return (
      `stopped after ${this.#pages} API requests: the request budget of ${this.budget} was reached ` +
      '(the plan could not tell the cost in advance, so the budget was enforced while running); no rows are returned. ' +
      'Narrow the query (filter on Id, a parent key such as OrderId, or a date range) or restart bcsql mcp with a larger --budget'
    );
  }
}
