/**
 * Objects that hold secrets keep them in # fields, which exist only inside the class: printing or
 * serialising the object (a debug log, an error reporter) shows none of them.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { createAuthSession } from '../../src/auth/createAuthSession';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import { clearMemoryStore } from '../../src/auth/stores/memoryStore';
import { nullLogger } from '../../src/log';
import { resolveOptions } from '../../src/options/resolveOptions';
import { BigCommerceClient } from '../../src/rest/BigCommerceClient';

const STORE = 'memory://private-state';
afterEach(() => clearMemoryStore(STORE));

const shown = (x: unknown): string => `${inspect(x, { depth: 10, showHidden: true })}\n${JSON.stringify(x)}`;

describe('objects holding secrets', () => {
  it('do not show the settings file key when a FileTokenStore is printed or serialised', () => {
    const store = new FileTokenStore(
      path.join(os.tmpdir(), 'never-written.json'),
      'client-secret-4711',
      nullLogger,
    );
    expect(shown(store)).toContain('never-written.json');
    expect(shown(store)).not.toContain('client-secret-4711');
  });

  it('do not show tokens or the client secret when an auth session or REST client is printed', async () => {
    const options = resolveOptions(
      `OAuthClientId=cid;OAuthClientSecret=client-secret-4711;StoreId=abc;InitiateOAuth=REFRESH;` +
        `CallbackURL=http://127.0.0.1:1/cb;OAuthSettingsLocation=${STORE}`,
      {},
    );
    const auth = createAuthSession(options, nullLogger);
    await auth.setTokens!({ accessToken: 'access-token-0815', timestamp: Date.now() });
    expect(await auth.accessToken()).toBe('access-token-0815');
    const client = new BigCommerceClient({ options, auth, logger: nullLogger });
    for (const x of [auth, client]) {
      expect(shown(x)).not.toContain('access-token-0815');
      expect(shown(x)).not.toContain('client-secret-4711');
    }
  });
});
