/** GetOAuthAuthorizationURL: the URL a user opens to log in and approve the app. No HTTP request. */
import { authorizationUrl, newState } from '../auth/authorizationUrl';
import type { ProcedureContext } from './types';
import type { Row } from '../types';

export async function getOAuthAuthorizationURL(
  ctx: ProcedureContext,
  args: Record<string, unknown>,
): Promise<Row[]> {
  const state = typeof args.State === 'string' ? args.State : newState();
  const url = authorizationUrl(ctx.options, {
    callbackUrl: args.CallbackUrl as string | undefined,
    scope: args.Scope as string | undefined,
    state,
  });
  return [{ URL: url, State: state }];
}
