/** The run_query tool: one SQL statement, its rows sized for a model's context, and what it cost. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ApiError } from '../errors';
import type { QueryParams, QueryResult } from '../types';
import { classifySql } from './classifySql';
import type { McpContext } from './McpContext';
import { progressReporter, type ToolExtra } from './progress';
import { renderRows, type RowFormat } from './renderRows';
import { overBudgetMessage, planCost, RunningBudget } from './requestBudget';
import { errorResult, textResult, toolError } from './toolResult';

export const DEFAULT_MAX_ROWS = 100;
export const MAX_MAX_ROWS = 5000;

export const paramsSchema = z
  .union([
    z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  ])
  .optional()
  .describe(
    'Values for placeholders: an array for ? placeholders, an object for @name placeholders (keys without @).',
  );

export const runQueryInput = {
  sql: z
    .string()
    .min(1)
    .describe(
      'One SQL statement: SELECT (SQLite syntax: joins, GROUP BY, date(), LIMIT …) or EXPLAIN SELECT.',
    ),
  params: paramsSchema,
  maxRows: z
    .number()
    .int()
    .min(1)
    .max(MAX_MAX_ROWS)
    .optional()
    .describe(
      `Most rows to return (default ${DEFAULT_MAX_ROWS}); rowCount still tells how many the query produced.`,
    ),
  format: z
    .enum(['csv', 'text'])
    .optional()
    .describe(
      'csv (default, RFC 4180, NULL is an empty field) or text (aligned columns, NULL shown as NULL).',
    ),
};

export const RUN_QUERY_DESCRIPTION =
  'Runs one SQL statement against the BigCommerce store and returns its rows (CSV by default) with rowCount, ' +
  'requestCount (API requests it cost) and warnings. Tables and columns are as list_tables/describe_table show them; ' +
  'filters on columns describe_table marks as API filters are sent to BigCommerce, everything else (joins, GROUP BY, ' +
  'ORDER BY, expressions) runs in SQLite. Child tables (OrderItems …) need their parent key in WHERE to stay cheap. ' +
  'A query estimated above the request budget is refused before it sends anything: check costly queries with explain_query. ' +
  'Stored procedures are called with call_procedure; the server is read-only unless started with --read-write.';

interface RunQueryArgs {
  sql: string;
  params?: QueryParams;
  maxRows?: number;
  format?: RowFormat;
}

export async function runQuery(
  ctx: McpContext,
  args: RunQueryArgs,
  extra: ToolExtra,
): Promise<CallToolResult> {
  let budget: RunningBudget | undefined;
  try {
    const kind = classifySql(args.sql, ctx.catalog);
    if (kind.kind === 'write' && !ctx.settings.readWrite) {
      return toolError(
        'ERR_READ_ONLY',
        `${kind.verb} refused: this MCP server is read-only. Start bcsql mcp with --read-write to let INSERT, UPDATE, DELETE and UPSERT change the store.`,
      );
    }
    if (kind.kind === 'procedure') {
      return toolError(
        'ERR_USE_CALL_PROCEDURE',
        `${kind.name} is a stored procedure: call it with the call_procedure tool, not run_query.`,
      );
    }
    let estimate: number | null = 0;
    if (kind.kind === 'read') {
      estimate = (await planCost(ctx.conn, args.sql, args.params)).total;
      if (estimate !== null && estimate > ctx.settings.budget) {
        return toolError('ERR_REQUEST_BUDGET', overBudgetMessage(estimate, ctx.settings.budget));
      }
    }
    budget = new RunningBudget(ctx.settings.budget, extra.signal);
    const report = progressReporter(extra, estimate);
    const run = budget;
    const result = await ctx.conn.query(args.sql, args.params, {
      rowMode: 'array',
      maskSecrets: true,
      signal: budget.signal,
      onProgress: (p) => {
        if (run.onProgress(p)) report(run.pages, p);
      },
    });
    ctx.log(`run_query: ${result.rowCount} rows, ${result.requestCount} requests`);
    return rowsResult(ctx, result, args, estimate);
  } catch (err) {
    if (budget?.exceeded && err instanceof ApiError && err.code === 'ERR_CANCELLED') {
      ctx.log(`run_query: stopped by the request budget after ${budget.pages} requests`);
      return toolError('ERR_REQUEST_BUDGET', budget.stoppedMessage());
    }
    return errorResult(err, ctx);
  }
}

function rowsResult(
  ctx: McpContext,
  result: QueryResult<unknown[]>,
  args: RunQueryArgs,
  estimate: number | null,
): CallToolResult {
  const maxRows = args.maxRows ?? DEFAULT_MAX_ROWS;
  const shown = result.rows
    .slice(0, maxRows)
    .map((row) => row.map((v, i) => ctx.secrets.maskCell(result.fields[i].name, v)));
  // A write's rowCount is the rows it wrote; only its RETURNING rows are shown.
  const truncated = result.rows.length > shown.length;
  const warnings = result.warnings.map((w) => ctx.secrets.redact(w));
  const lines = [`rowCount: ${result.rowCount}, requestCount: ${result.requestCount}`];
  if (estimate === null)
    lines.push(
      `note: the cost was not known in advance; the request budget of ${ctx.settings.budget} was enforced while running`,
    );
  if (truncated) {
    lines.push(
      `note: showing the first ${shown.length} of ${result.rows.length} rows (maxRows ${maxRows}); add LIMIT, WHERE or GROUP BY, or pass a larger maxRows`,
    );
  }
  for (const w of warnings) lines.push(`warning: ${w}`);
  lines.push('', renderRows(result.fields, shown, args.format ?? 'csv'));
  return textResult(lines.join('\n'), {
    rowCount: result.rowCount,
    returnedRows: shown.length,
    truncated,
    requestCount: result.requestCount,
    estimatedRequests: estimate,
    warnings,
    columns: result.fields.map((f) => ({ name: f.name, type: f.dataType })),
  });
}
