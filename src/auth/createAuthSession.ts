/**
 * The AuthSession a connection uses: AuthScheme=PersonalAccessToken and InitiateOAuth=OFF take
 * the token as given (staticSession); GETANDREFRESH and REFRESH keep it in a settings store and
 * get, refresh and renew it (managedSession).
 */
import type { ConnectionOptions } from '../options/types';
import type { Logger } from '../log';
import { managedSession, type ManagedSessionDeps } from './managedSession';
import { staticSession } from './staticSession';
import type { AuthSession } from './types';

export type AuthSessionDeps = ManagedSessionDeps;

export function createAuthSession(
  options: ConnectionOptions,
  logger: Logger,
  deps: AuthSessionDeps = {},
): AuthSession {
  for (const secret of [
    options.OAuthAccessToken,
    options.OAuthClientSecret,
    options.OAuthRefreshToken,
    options.OAuthVerifier,
  ]) {
    logger.addSecret(secret);
  }
  if (options.AuthScheme === 'PersonalAccessToken' || options.InitiateOAuth === 'OFF') {
    return staticSession(options, logger);
  }
  return managedSession(options, logger, deps);
}
