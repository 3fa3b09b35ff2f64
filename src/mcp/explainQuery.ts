/** The explain_query tool: the plan of a SELECT and its request estimate, without sending a request. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { QueryParams } from '../types';
import { classifySql } from './classifySql';
import type { McpContext } from './McpContext';
import { renderRows } from './renderRows';
import { planCost } from './requestBudget';
import { paramsSchema } from './runQuery';
import { errorResult, textResult, toolError } from './toolResult';

export const explainQueryInput = {
  sql: z.string().min(1).describe('A SELECT statement (without EXPLAIN).'),
  params: paramsSchema,
};

export const EXPLAIN_QUERY_DESCRIPTION =
  'Shows how a SELECT would be fetched, without sending any request: per table the endpoint, the filters sent to ' +
  'the API, the terms only SQLite applies, the mode (get = one request by id, list = pages, count = one request, ' +
  'children = one list per parent key, fanout = list every parent then one list per parent) and the estimated API ' +
  'requests (null when it depends on how many records the store holds). Use it before a query that may be costly.';

export async function explainQuery(
  ctx: McpContext,
  args: { sql: string; params?: QueryParams },
): Promise<CallToolResult> {
  try {
    const kind = classifySql(args.sql, ctx.catalog);
    if (kind.kind !== 'read') {
      const what =
        kind.kind === 'write' ? kind.verb : kind.kind === 'procedure' ? `procedure ${kind.name}` : 'EXPLAIN';
      return toolError(
        'ERR_NOT_SUPPORTED',
        `explain_query plans SELECT statements, not ${what}; pass the SELECT itself`,
      );
    }
    const cost = await planCost(ctx.conn, args.sql, args.params);
    const budget = ctx.settings.budget;
    const verdict =
      cost.total === null
        ? `estimated API requests: unknown until it runs (it depends on how many records the store holds); run_query stops it after ${budget} requests`
        : `estimated API requests: ${cost.total}${cost.total > budget ? ` — over the request budget of ${budget}: run_query would refuse it` : ` (request budget ${budget})`}`;
    const fields = cost.fields.map((name) => ({
      name,
      dataType: name === 'Requests' ? ('integer' as const) : ('string' as const),
    }));
    const text = [verdict, '', renderRows(fields, cost.rows, 'text')].join('\n');
    return textResult(ctx.secrets.redact(text), {
      estimatedRequests: cost.total,
      budget,
      withinBudget: cost.total === null ? null : cost.total <= budget,
      plan: cost.rows.map((r) => Object.fromEntries(cost.fields.map((f, i) => [f, r[i]]))),
    });
  } catch (err) {
    return errorResult(err, ctx);
  }
}
