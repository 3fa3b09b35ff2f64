/** What every record generator needs to know about the store it builds records for. */

/** A record exactly as the API serialises it (a JSON object). */
export type ApiRecord = Record<string, unknown>;

export interface SeedContext {
  seed: number;
  storeHash: string;
  /** The seeded sizes. Records appended later by mutate() get ids above these. */
  products: number;
  customers: number;
  orders: number;
}

/** https://api.bigcommerce.com/stores/{hash}/v2 — what v2 resource links point at. */
export function v2Url(ctx: SeedContext, resource: string): string {
  return `https://api.bigcommerce.com/stores/${ctx.storeHash}/v2${resource}`;
}

export function cdnUrl(ctx: SeedContext, path: string): string {
  return `https://cdn11.bigcommerce.com/s-${ctx.storeHash}${path}`;
}
