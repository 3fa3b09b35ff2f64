/** The connection string that points the provider at a running simulator. */
import type { Simulator } from '../simulator';

/**
 * The demo app's registered callback. Nothing needs to listen there: after approving on the
 * simulator's login page the browser lands on it with ?code=…, which GetOAuthAccessToken takes.
 */
export const SIMULATOR_CALLBACK_URL = 'http://localhost:33333';

/**
 * Everything the provider needs for the simulator's store: the never-expiring access token for
 * queries, and the app's client id, secret and callback so the OAuth procedures work too.
 *
 * Written out here rather than with formatConnectionString() because that loads the property
 * catalogue, which would delay the demo's first prompt; the simulator's values (store hash,
 * tokens, http URLs, numbers, a temporary file path) never need quoting, and anything that
 * would is refused.
 */
export function simulatorConnectionString(
  sim: Simulator,
  extra: Record<string, string | number | boolean | undefined> = {},
): string {
  const values: Record<string, string | number | boolean | undefined> = {
    AuthScheme: 'OAuth',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    OAuthClientId: sim.clientId,
    OAuthClientSecret: sim.clientSecret,
    CallbackURL: SIMULATOR_CALLBACK_URL,
    ApiBaseURL: sim.apiBaseUrl,
    LoginBaseURL: sim.loginBaseUrl,
    ...extra,
  };
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = String(value);
    if (!/^[A-Za-z0-9_.:/\\\-[\]]+$/.test(text)) {
      throw new Error(`simulator connection property ${name} has a value that would need quoting`);
    }
    parts.push(`${name}=${text}`);
  }
  return parts.join(';');
}
