/**
 * OAuth scopes the simulator knows, from BigCommerce's "API Accounts & OAuth Scopes" page
 * (bigcommerce-docs/api-accounts.mdx, "Store resource scopes"). A token with a modify scope may
 * also read; a `_read_only` scope allows only GET and HEAD (same page: "read-only permissions
 * scopes so that you can limit some accounts to sending GET and HEAD requests").
 */

const MODIFY_SCOPES = [
  'store_cart',
  'store_channel_settings',
  'store_channel_listings',
  'store_checkout',
  'store_content_checkout',
  'store_v2_content',
  'store_v2_customers',
  'store_fulfillment_methods_manage',
  'store_v2_information',
  'store_v2_marketing',
  'store_v2_orders',
  'store_order_fulfillment_manage',
  'store_v2_transactions',
  'store_v2_products',
  'store_sites',
  'store_inventory',
  'store_locations',
  'store_stored_payment_instruments',
  'store_translations',
  'store_themes_manage',
];

/** Every store scope, modify ones first; what sim.accessToken and an authorize request without `scope` get. */
export const ALL_SCOPES: readonly string[] = [
  ...MODIFY_SCOPES,
  'store_v2_customers_login',
  'store_payments_access_token_create',
  'store_payments_methods_read',
  'store_logs_read_only',
  'store_storefront_api',
  'store_metafield_write',
];

export function parseScope(scope: string | undefined | null): string[] {
  return (scope ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
}

/** Does a token holding `granted` scopes satisfy an endpoint needing `required` for this method? */
export function scopeAllows(
  granted: ReadonlySet<string>,
  required: { read: string; write: string },
  method: string,
): boolean {
  if (granted.has(required.write)) return true;
  const reading = method === 'GET' || method === 'HEAD';
  return reading && granted.has(required.read);
}
