/** Tool results as MCP carries them: text for the model, plus structured content for programs. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BigCommerceSqlError, type ErrorCode } from '../errors';
import type { McpContext } from './McpContext';

export function textResult(text: string, structured?: Record<string, unknown>): CallToolResult {
  const result: CallToolResult = { content: [{ type: 'text', text }] };
  if (structured) result.structuredContent = structured;
  return result;
}

/** A refusal or failure the model should read and act on (isError), with an ERR_ code. */
export function toolError(code: ErrorCode, message: string): CallToolResult {
  return {
    content: [{ type: 'text', text: `${code}: ${message}` }],
    structuredContent: { code, message },
    isError: true,
  };
}

/**
 * The provider's error as a tool error: its code and message (and where in the SQL), never a stack;
 * anything else is reported without its text, which could hold anything.
 */
export function errorResult(err: unknown, ctx: Pick<McpContext, 'secrets' | 'log'>): CallToolResult {
  const { secrets } = ctx;
  if (err instanceof BigCommerceSqlError) {
    const e = err as BigCommerceSqlError & { line?: number; column?: number };
    const where =
      typeof e.line === 'number' && typeof e.column === 'number'
        ? ` (line ${e.line}, column ${e.column})`
        : '';
    return toolError(err.code, secrets.redact(`${err.message}${where}`));
  }
  // The text of an unexpected error could hold anything: it goes to the log, redacted, not to the client.
  ctx.log(
    `unexpected error: ${secrets.redact(err instanceof Error ? `${err.name}: ${err.message}` : String(err))}`,
  );
  return toolError('ERR_INTERNAL', 'the MCP server failed unexpectedly; its log on stderr has the details');
}
