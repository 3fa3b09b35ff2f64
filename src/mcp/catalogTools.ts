/** The list_tables and describe_table tools, answered from the catalog (row counts only on request). */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { didYouMean } from '../errors';
import type { McpContext } from './McpContext';
import { planCost } from './requestBudget';
import { tableSchema, tableSchemaText } from './tableSchema';
import { errorResult, textResult, toolError } from './toolResult';

export const listTablesInput = {
  rowCounts: z
    .boolean()
    .optional()
    .describe(
      'Also count the rows of each table the API can count in one request (one API request per table). Default false.',
    ),
};

export const LIST_TABLES_DESCRIPTION =
  'Lists the tables of the BigCommerce store (products, orders, customers …) with a one-line description each, ' +
  'which are child tables needing a parent key, and the stored procedures. rowCounts: true adds a row count where ' +
  'the API gives it in one request. Then use describe_table for columns.';

export async function listTables(ctx: McpContext, args: { rowCounts?: boolean }): Promise<CallToolResult> {
  try {
    const counts = args.rowCounts ? await rowCounts(ctx) : new Map<string, number>();
    const tables = ctx.catalog.tables.map((t) => ({
      name: t.name,
      description: t.description,
      parent: t.parent ? `${t.parent.table} (WHERE ${t.parent.column} = …)` : null,
      rowCount: counts.get(t.name) ?? null,
    }));
    const lines = tables.map((t) => {
      const extra = [
        t.parent ? `child of ${t.parent}` : '',
        t.rowCount !== null ? `${t.rowCount} rows` : '',
      ].filter(Boolean);
      return `${t.name}${extra.length ? ` [${extra.join('; ')}]` : ''}: ${t.description}`;
    });
    const procedures = ctx.catalog.procedures.map((p) => p.name);
    if (args.rowCounts) {
      const skipped = tables.length - counts.size;
      if (skipped > 0) {
        lines.push(
          `note: no row count for ${skipped} tables: the API cannot count them in one request, or the request budget (${ctx.settings.budget}) was spent`,
        );
      }
    }
    lines.push('', `stored procedures (call_procedure): ${procedures.join(', ')}`);
    lines.push('system tables: sys_tables, sys_tablecolumns, sys_procedures … (SELECT * FROM sys_tables)');
    return textResult(lines.join('\n'), { tables, procedures });
  } catch (err) {
    return errorResult(err, ctx);
  }
}

/** COUNT(*) for each table whose plan is a single count request, within the request budget. */
async function rowCounts(ctx: McpContext): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let spent = 0;
  // Within the budget, tables before views: views (consignments, option values …) matter less.
  const order = [...ctx.catalog.tables].sort((a, b) => Number(a.type === 'VIEW') - Number(b.type === 'VIEW'));
  for (const t of order) {
    // A lookup-only table (AbandonedCarts) has no list to count.
    if (t.lookup) continue;
    const sql = `SELECT COUNT(*) FROM ${t.name}`;
    const cost = await planCost(ctx.conn, sql, undefined);
    if (cost.total !== 1 || spent + 1 > ctx.settings.budget) continue;
    const r = await ctx.conn.query(sql, undefined, { rowMode: 'array' });
    spent += r.requestCount;
    out.set(t.name, Number(r.rows[0][0]));
  }
  return out;
}

export const describeTableInput = {
  table: z.string().min(1).describe('Table name as list_tables shows it, e.g. Orders.'),
};

export const DESCRIBE_TABLE_DESCRIPTION =
  'Describes one table: its columns with types, nullability, foreign keys and descriptions, the primary key, ' +
  'the parent table for child tables, and which WHERE operators on which columns are sent to the BigCommerce API ' +
  '(the rest is filtered locally after fetching, which costs more requests). No API request is sent.';

export function describeTable(ctx: McpContext, args: { table: string }): CallToolResult {
  const def = ctx.catalog.findTable(args.table);
  if (!def) {
    const names = ctx.catalog.tables.map((t) => t.name);
    return toolError(
      'ERR_UNKNOWN_TABLE',
      `no table "${args.table}"${didYouMean(args.table, names)} (list_tables lists them)`,
    );
  }
  const schema = tableSchema(def, ctx.catalog);
  return textResult(tableSchemaText(schema), { ...schema });
}
