/** MCP over stdio, as desktop assistants launch it: protocol on stdout, log lines on stderr. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './createMcpServer';
import type { McpContext } from './McpContext';

/**
 * Serves until stdin ends (the client quit) or the process is told to stop. Requests read before
 * stdin ended are still answered: a client may write its requests and close its end at once.
 */
export async function serveStdio(ctx: McpContext): Promise<void> {
  const { server, idle } = createMcpServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.stdin.once('close', () => resolve());
  });
  await server.connect(transport);
  ctx.log('serving over stdio');
  await closed;
  // Requests read with the end of input are dispatched, and answers written, in later turns.
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  await turn();
  await idle();
  await turn();
  await server.close().catch(() => undefined);
}
