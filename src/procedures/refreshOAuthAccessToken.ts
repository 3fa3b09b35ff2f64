/**
 * RefreshOAuthAccessToken: exchanges a refresh token when there is one; BigCommerce's own tokens
 * never expire and come without one, so then the current token is returned with no HTTP request.
 */
import { exchangeRefreshToken } from '../auth/oauthClient';
import { oauthConfig } from '../auth/oauthConfig';
import type { ProcedureContext } from './types';
import { ConnectionStringError } from '../errors';
import type { Row } from '../types';
import { tokenRow } from './tokenRow';

export async function refreshOAuthAccessToken(
  ctx: ProcedureContext,
  args: Record<string, unknown>,
): Promise<Row[]> {
  const known = await ctx.auth.knownTokens?.();
  const refreshToken =
    (args.OAuthRefreshToken as string | undefined) ?? known?.refreshToken ?? ctx.options.OAuthRefreshToken;
  if (refreshToken) {
    const cfg = oauthConfig(ctx.options, ctx.logger, 'RefreshOAuthAccessToken', {
      counter: ctx.oauthRequests,
      signal: ctx.signal,
    });
    const fresh = await exchangeRefreshToken(cfg, refreshToken);
    // A server may answer a refresh without the store context or scope; keep what we knew.
    const tokens = {
      ...fresh,
      storeHash: fresh.storeHash ?? known?.storeHash ?? ctx.options.StoreId,
      scope: fresh.scope ?? known?.scope,
      accountUuid: fresh.accountUuid ?? known?.accountUuid,
      userEmail: fresh.userEmail ?? known?.userEmail,
    };
    await ctx.auth.setTokens?.(tokens);
    return [tokenRow(tokens)];
  }
  const accessToken = known?.accessToken ?? ctx.options.OAuthAccessToken;
  if (!accessToken) {
    throw new ConnectionStringError(
      'ERR_MISSING_PROPERTY',
      'RefreshOAuthAccessToken has no token to refresh or return: set OAuthAccessToken (and OAuthRefreshToken if the ' +
        'server issued one), pass OAuthRefreshToken=…, or get a token first with GetOAuthAccessToken',
      { property: 'OAuthAccessToken' },
    );
  }
  return [
    tokenRow({
      ...known,
      accessToken,
      expiresIn: undefined,
      timestamp: known?.timestamp ?? Date.now(),
      storeHash: known?.storeHash ?? ctx.options.StoreId,
      scope: known?.scope,
    }),
  ];
}
