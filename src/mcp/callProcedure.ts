/**
 * The call_procedure tool: the stored procedures, with every secret in their results masked; the
 * ones that change the store (`writes` in their file) only with --read-write.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Catalog } from '../catalog/types';
import type { McpContext } from './McpContext';
import { renderRows } from './renderRows';
import { errorResult, textResult, toolError } from './toolResult';

export function callProcedureInput(catalog: Catalog) {
  const names = catalog.procedures.map((p) => p.name) as [string, ...string[]];
  return {
    name: z.enum(names).describe('The procedure to call.'),
    arguments: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('Parameter name → value, e.g. {"CallbackUrl": "http://localhost:33333"}.'),
  };
}

export function callProcedureDescription(catalog: Catalog): string {
  const list = catalog.procedures.map((p) => {
    const params = Object.keys(p.parameters.properties).join(', ');
    return `${p.name}(${params}): ${p.description.split('. ')[0]}.`;
  });
  return (
    "Calls one of the provider's stored procedures (OAuth sign-in helpers, brand images; those that change the " +
    'store need --read-write). Tokens and other secrets in the ' +
    `result are masked; they are never shown to the client. Procedures: ${list.join(' ')}`
  );
}

interface CallArgs {
  name: string;
  arguments?: Record<string, string | number | boolean>;
}

export async function callProcedure(ctx: McpContext, args: CallArgs): Promise<CallToolResult> {
  const def = ctx.catalog.findProcedure(args.name);
  if (!def)
    return toolError(
      'ERR_UNKNOWN_PROCEDURE',
      `no procedure "${args.name}"; list_tables names the procedures`,
    );
  if (def.writes && !ctx.settings.readWrite) {
    return toolError(
      'ERR_READ_ONLY',
      `${def.name} refused: it changes the store and this MCP server is read-only. Start bcsql mcp with --read-write to let it run.`,
    );
  }
  const given = args.arguments ?? {};
  const bad = Object.keys(given).find((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
  if (bad !== undefined)
    return toolError(
      'ERR_UNKNOWN_PARAMETER',
      `"${bad}" is not a parameter name; use names such as ${Object.keys(def.parameters.properties).join(', ')}`,
    );
  // Arguments the procedure file marks writeOnly (a verifier, a refresh token) are secrets too.
  for (const [k, v] of Object.entries(given)) {
    const prop = Object.entries(def.parameters.properties).find(
      ([name]) => name.toLowerCase() === k.toLowerCase(),
    );
    if (prop?.[1].writeOnly === true) ctx.secrets.add(v);
  }
  const sql = `EXEC ${def.name} ${Object.keys(given)
    .map((k) => `@${k} = @${k}`)
    .join(', ')}`.trim();
  try {
    const result = await ctx.conn.query(sql, given, { rowMode: 'array', maskSecrets: true });
    const rows = result.rows.map((row) => row.map((v, i) => ctx.secrets.maskCell(result.fields[i].name, v)));
    ctx.log(`call_procedure ${def.name}: ${result.rowCount} rows, ${result.requestCount} requests`);
    const text = [
      `rowCount: ${result.rowCount}, requestCount: ${result.requestCount}`,
      '',
      renderRows(result.fields, rows, 'text'),
    ].join('\n');
    return textResult(text, {
      rowCount: result.rowCount,
      requestCount: result.requestCount,
      rows: rows.map((r) => Object.fromEntries(result.fields.map((f, i) => [f.name, r[i]]))),
    });
  } catch (err) {
    return errorResult(err, ctx);
  }
}
