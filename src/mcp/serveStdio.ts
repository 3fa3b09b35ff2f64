/** MCP over stdio, as desktop assistants launch it: protocol on stdout, log lines on stderr. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './createMcpServer';
import type { McpContext } from './McpContext';

/** Serves until stdin ends (the client quit) or the process is told to stop. */
export async function serveStdio(ctx: McpContext): Promise<void> {
  const server = createMcpServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.stdin.once('close', () => resolve());
  });
  await server.connect(transport);
  ctx.log('serving over stdio');
  await closed;
  await server.close().catch(() => undefined);
}
