/** Progress notifications for a tool call whose client asked for them (a progressToken in _meta). */
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ProgressEvent } from '../types';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Returns a function to call once per page read; progress counts pages, total is the estimate. */
export function progressReporter(
  extra: ToolExtra,
  total: number | null,
): (pages: number, p: ProgressEvent) => void {
  const token = extra._meta?.progressToken;
  if (token === undefined) return () => undefined;
  return (pages, p) => {
    const rows = p.rowsTotal === null ? `${p.rowsFetched} rows` : `${p.rowsFetched} of ${p.rowsTotal} rows`;
    const params = {
      progressToken: token,
      progress: pages,
      ...(total !== null && total >= pages ? { total } : {}),
      message: `${p.table}: ${rows} read, ${pages} API requests so far`,
    };
    // A client that went away cannot be told; the query itself is cancelled through the signal.
    extra.sendNotification({ method: 'notifications/progress', params }).catch(() => undefined);
  };
}
