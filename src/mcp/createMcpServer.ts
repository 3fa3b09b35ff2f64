/**
 * The MCP server for one connection: tools (list_tables, describe_table, run_query, explain_query,
 * call_procedure) and one resource per table (bigcommerce://tables/<Name>). HTTP makes one of
 * these per session; they share the connection.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { packageVersion } from '../catalog/packageRoot';
import { callProcedure, callProcedureDescription, callProcedureInput } from './callProcedure';
import {
  describeTable,
  DESCRIBE_TABLE_DESCRIPTION,
  describeTableInput,
  listTables,
  LIST_TABLES_DESCRIPTION,
  listTablesInput,
} from './catalogTools';
import { explainQuery, EXPLAIN_QUERY_DESCRIPTION, explainQueryInput } from './explainQuery';
import type { McpContext } from './McpContext';
import { runQuery, RUN_QUERY_DESCRIPTION, runQueryInput } from './runQuery';
import { tableSchema } from './tableSchema';
import { errorResult } from './toolResult';

const INSTRUCTIONS =
  'SQL over a BigCommerce store. Start with list_tables, read the columns with describe_table, then run_query ' +
  "(SQLite syntax; dates are ISO 8601 UTC text, e.g. DateCreated >= '2025-12-01'). Each query costs API " +
  'requests: filter on the columns describe_table marks as API filters, give child tables their parent key, and ' +
  'use explain_query when unsure. Answers are capped by maxRows; aggregate in SQL rather than fetching everything.';

/** An MCP server and a way to wait for the tool calls it is still answering. */
export interface ToolServer {
  server: McpServer;
  /** Resolves once no tool call is running (at once when none is). */
  idle(): Promise<void>;
}

export function createMcpServer(ctx: McpContext): ToolServer {
  const running = new Set<Promise<unknown>>();
  const server = new McpServer(
    { name: 'bcsql', title: 'BigCommerce SQL', version: packageVersion() },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
  );
  const readOnly = { readOnlyHint: true, openWorldHint: true };
  const guarded = (fn: () => Promise<CallToolResult> | CallToolResult) => (): Promise<CallToolResult> => {
    const call = (async () => {
      try {
        return await fn();
      } catch (err) {
        return errorResult(err, ctx);
      }
    })();
    running.add(call);
    void call.finally(() => running.delete(call));
    return call;
  };
  server.registerTool(
    'list_tables',
    {
      title: 'List tables',
      description: LIST_TABLES_DESCRIPTION,
      inputSchema: listTablesInput,
      annotations: readOnly,
    },
    (args) => guarded(() => listTables(ctx, args))(),
  );
  server.registerTool(
    'describe_table',
    {
      title: 'Describe a table',
      description: DESCRIBE_TABLE_DESCRIPTION,
      inputSchema: describeTableInput,
      annotations: readOnly,
    },
    (args) => guarded(() => describeTable(ctx, args))(),
  );
  server.registerTool(
    'run_query',
    {
      title: 'Run SQL',
      description: RUN_QUERY_DESCRIPTION,
      inputSchema: runQueryInput,
      annotations: {
        readOnlyHint: !ctx.settings.readWrite,
        destructiveHint: ctx.settings.readWrite,
        openWorldHint: true,
      },
    },
    (args, extra) => guarded(() => runQuery(ctx, args, extra))(),
  );
  server.registerTool(
    'explain_query',
    {
      title: 'Explain a query',
      description: EXPLAIN_QUERY_DESCRIPTION,
      inputSchema: explainQueryInput,
      annotations: readOnly,
    },
    (args) => guarded(() => explainQuery(ctx, args))(),
  );
  server.registerTool(
    'call_procedure',
    {
      title: 'Call a stored procedure',
      description: callProcedureDescription(ctx.catalog),
      inputSchema: callProcedureInput(ctx.catalog),
      annotations: { openWorldHint: true },
    },
    (args) => guarded(() => callProcedure(ctx, args))(),
  );
  registerTableResources(server, ctx);
  return {
    server,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

function registerTableResources(server: McpServer, ctx: McpContext): void {
  const template = new ResourceTemplate('bigcommerce://tables/{name}', {
    list: () => ({
      resources: ctx.catalog.tables.map((t) => ({
        uri: `bigcommerce://tables/${t.name}`,
        name: t.name,
        description: t.description,
        mimeType: 'application/json',
      })),
    }),
    complete: {
      name: (value) =>
        ctx.catalog.tables.map((t) => t.name).filter((n) => n.toLowerCase().startsWith(value.toLowerCase())),
    },
  });
  server.registerResource(
    'table',
    template,
    {
      title: 'BigCommerce table schema',
      description: 'Columns, keys and API filters of one table',
      mimeType: 'application/json',
    },
    (uri, variables) => {
      const name = String(variables.name);
      const def = ctx.catalog.findTable(decodeURIComponent(name));
      if (!def)
        throw new Error(
          `no table "${name}"; resources/list lists bigcommerce://tables/<Name> for each table`,
        );
      const text = JSON.stringify(tableSchema(def, ctx.catalog), null, 2);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
    },
  );
}
