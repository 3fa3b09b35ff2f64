/** Picks the token store OAuthSettingsLocation names (default: OAuthSettings.txt in the per-user config folder). */
import * as path from 'node:path';
import envPaths from 'env-paths';
import type { ConnectionOptions } from '../../options/types';
import { requireProperties } from '../../options/resolveOptions';
import type { Logger } from '../../log';
import { FileTokenStore } from './FileTokenStore';
import { isMemoryLocation, MemoryTokenStore } from './memoryStore';
import type { TokenStore } from './TokenStore';

/** Computed on each call, so HOME / XDG_CONFIG_HOME changes (a test's temp HOME) are honoured. */
export function defaultSettingsPath(): string {
  return path.join(envPaths('bigcommerce-sql').config, 'OAuthSettings.txt');
}

export function openTokenStore(options: ConnectionOptions, logger: Logger): TokenStore {
  const location = options.OAuthSettingsLocation ?? defaultSettingsPath();
  if (isMemoryLocation(location)) return new MemoryTokenStore(location);
  requireProperties(
    options,
    ['OAuthClientSecret'],
    `The OAuth settings file (encrypted with the app's secret)`,
  );
  return new FileTokenStore(
    location,
    options.OAuthClientSecret as string,
    logger,
    (options.Timeout + 10) * 1000,
  );
}
