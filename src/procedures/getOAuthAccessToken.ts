/**
 * GetOAuthAccessToken: WEB mode (or any mode given a Verifier) exchanges the code from the
 * callback URL; APP mode without a Verifier runs the desktop browser flow. The connection adopts
 * the new token for its later statements.
 */
import { runDesktopFlow } from '../auth/desktopFlow';
import { exchangeAuthorizationCode } from '../auth/oauthClient';
import { oauthConfig, redirectUriFor } from '../auth/oauthConfig';
import type { ProcedureContext } from './types';
import { SqlError } from '../errors';
import type { Row } from '../types';
import { tokenRow } from './tokenRow';

export async function getOAuthAccessToken(
  ctx: ProcedureContext,
  args: Record<string, unknown>,
): Promise<Row[]> {
  const { options } = ctx;
  const verifier = args.Verifier as string | undefined;
  const scope = (args.Scope as string | undefined) ?? options.Scope;
  if (verifier === undefined) {
    if (args.AuthMode === 'WEB') {
      throw new SqlError(
        'ERR_MISSING_PARAMETER',
        "GetOAuthAccessToken with AuthMode='WEB' needs Verifier: the `code` parameter of the URL the browser " +
          "was sent to after approving (get that URL with GetOAuthAuthorizationURL); pass Verifier='…'",
        { property: 'Verifier' },
      );
    }
    const tokens = await runDesktopFlow({
      options,
      logger: ctx.logger,
      scope,
      callbackUrl: args.CallbackUrl as string | undefined,
      state: args.State as string | undefined,
      counter: ctx.oauthRequests,
      signal: ctx.signal,
    });
    await ctx.auth.setTokens?.(tokens);
    return [tokenRow(tokens)];
  }
  const cfg = oauthConfig(options, ctx.logger, 'GetOAuthAccessToken', {
    counter: ctx.oauthRequests,
    signal: ctx.signal,
  });
  const tokens = await exchangeAuthorizationCode(cfg, {
    code: verifier,
    redirectUri: redirectUriFor(
      options,
      args.CallbackUrl as string | undefined,
      'GetOAuthAccessToken (or its CallbackUrl parameter)',
    ),
    scope,
    context: options.StoreId ? `stores/${options.StoreId}` : undefined,
  });
  await ctx.auth.setTokens?.(tokens);
  return [tokenRow(tokens)];
}
