/** The connection string that points the provider at a running simulator. */
import { formatConnectionString } from '../connection/parseConnectionString';
import type { Simulator } from '../simulator';

/**
 * The demo app's registered callback. Nothing needs to listen there: after approving on the
 * simulator's login page the browser lands on it with ?code=…, which GetOAuthAccessToken takes.
 */
export const SIMULATOR_CALLBACK_URL = 'http://localhost:33333';

/**
 * Everything the provider needs for the simulator's store: the never-expiring access token for
 * queries, and the app's client id, secret and callback so the OAuth procedures work too.
 */
export function simulatorConnectionString(
  sim: Simulator,
  extra: Record<string, string | number | boolean | undefined> = {},
): string {
  return formatConnectionString({
    AuthScheme: 'OAuth',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    OAuthClientId: sim.clientId,
    OAuthClientSecret: sim.clientSecret,
    CallbackURL: SIMULATOR_CALLBACK_URL,
    ApiBaseURL: sim.apiBaseUrl,
    LoginBaseURL: sim.loginBaseUrl,
    ...extra,
  });
}
