/**
 * The desktop OAuth flow: listen on CallbackURL's loopback port, open the authorization URL in the
 * user's browser (or print it when no browser opens), take the one callback whose state matches,
 * exchange its code, tell the browser the window may be closed, stop listening.
 */
import type { ConnectionOptions } from '../options/types';
import type { Logger } from '../log';
import { authorizationUrl, newState } from './authorizationUrl';
import { browserHooks, type BrowserHooks } from './browser';
import { listenForCallback } from './callbackListener';
import { exchangeAuthorizationCode } from './oauthClient';
import { oauthConfig, redirectUriFor } from './oauthConfig';
import type { OAuthTokens } from './types';

export interface DesktopFlowParams {
  options: ConnectionOptions;
  logger: Logger;
  /** Overrides of the connection's Scope / CallbackURL and a chosen state (GetOAuthAccessToken's parameters). */
  scope?: string;
  callbackUrl?: string;
  state?: string;
  counter?: { count: number };
  signal?: AbortSignal;
  /** Default: the process-wide hooks from browser.ts. */
  browser?: Partial<BrowserHooks>;
}

export async function runDesktopFlow(p: DesktopFlowParams): Promise<OAuthTokens> {
  const { options, logger } = p;
  const purpose = 'The desktop OAuth flow (InitiateOAuth=GETANDREFRESH, or GetOAuthAccessToken in APP mode)';
  const cfg = oauthConfig(options, logger, purpose, { counter: p.counter, signal: p.signal });
  const redirectUri = redirectUriFor(options, p.callbackUrl, purpose);
  const scope = p.scope ?? options.Scope;
  const state = p.state ?? newState();
  const url = authorizationUrl(options, { callbackUrl: redirectUri, scope, state });
  const hooks = { ...browserHooks(), ...p.browser };

  const pending = await listenForCallback({
    callbackUrl: redirectUri,
    state,
    timeoutMs: options.OAuthCallbackTimeout * 1000,
    logger,
    signal: p.signal,
  });
  try {
    logger.log(2, `OAuth: opening the browser at ${url}`);
    // Not awaited: the callback may arrive while the opener is still running (or never returns).
    Promise.resolve()
      .then(() => hooks.launch(url))
      .catch((err: Error) => {
        logger.log(2, `OAuth: no browser could be opened (${err.message}); printing the URL`);
        try {
          hooks.print(url);
        } catch {
          // Nowhere left to show the URL; the timeout error will end the wait.
        }
      });
    const callback = await pending.result;
    try {
      const tokens = await exchangeAuthorizationCode(cfg, {
        code: callback.code,
        redirectUri,
        scope: callback.scope ?? scope,
        context: callback.context ?? (options.StoreId ? `stores/${options.StoreId}` : undefined),
      });
      pending.respond(true, 'bigcommerce-sql received the token.');
      return { ...tokens, accountUuid: tokens.accountUuid ?? callback.accountUuid };
    } catch (err) {
      pending.respond(false, (err as Error).message);
      throw err;
    }
  } finally {
    pending.close();
  }
}
