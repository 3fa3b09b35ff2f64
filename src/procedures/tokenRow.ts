/** The token columns GetOAuthAccessToken and RefreshOAuthAccessToken return. */
import type { OAuthTokens } from '../auth/types';
import type { Row } from '../types';

export function tokenRow(t: OAuthTokens): Row {
  return {
    OAuthAccessToken: t.accessToken,
    OAuthRefreshToken: t.refreshToken ?? null,
    ExpiresIn: t.expiresIn ?? -1,
    StoreId: t.storeHash ?? null,
    Scope: t.scope ?? null,
    AccountUuid: t.accountUuid ?? null,
    UserEmail: t.userEmail ?? null,
  };
}
