/** Cursor paging: pages follow meta.pagination.links.next one after another, against the simulator. */
import { startSimulator, type Simulator } from '../../src/simulator';
import { connect, type Connection } from '../../src';
import { nextCursor } from '../../src/rest/listCursor';
import { fakeAuth, makeClient } from './helpers/fixtures';

let sim: Simulator;
let conn: Connection;
beforeAll(async () => {
  sim = await startSimulator({ products: 90, customers: 5, orders: 5, rateLimit: false });
  conn = await connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    ApiBaseURL: sim.apiBaseUrl,
    LoginBaseURL: sim.loginBaseUrl,
  });
});
afterAll(async () => {
  await conn.close();
  await sim.close();
});

const listingRequests = () => sim.requests.filter((r) => /\/channels\/664179\/listings$/.test(r.path));

describe('cursor paging', () => {
  it('reads the after cursor of links.next, and nothing on the last page', () => {
    expect(nextCursor({ meta: { pagination: { links: { next: '?limit=5&after=aWQ6Nw%3D%3D' } } } })).toBe(
      'aWQ6Nw==',
    );
    expect(nextCursor({ meta: { pagination: { links: { current: '?limit=5' } } } })).toBeUndefined();
    expect(nextCursor({})).toBeUndefined();
  });

  it('follows the cursors page after page until the last, each listing once', async () => {
    const client = makeClient(
      sim.apiBaseUrl,
      { StoreId: sim.storeHash },
      fakeAuth({ token: sim.accessToken, storeHash: sim.storeHash }),
    );
    const expected = sim.store.extras.channelListings(664179).map((l) => l.listing_id);
    expect(expected).toHaveLength(30);
    sim.resetRequests();
    const r = await client.list({
      path: '/v3/channels/664179/listings',
      records: 'data',
      pagination: 'cursor',
      pageSize: 7,
      query: {},
      table: 'ChannelListings',
    });
    expect(r.records.map((l) => l.listing_id)).toEqual(expected);
    expect(r.warnings).toEqual([]);
    const sent = listingRequests().map((q) => q.query.after);
    expect(sent).toHaveLength(5);
    expect(sent[0]).toBeUndefined();
    expect(new Set(sent.slice(1)).size).toBe(4);
  });

  it('stops asking once a LIMIT is met', async () => {
    sim.resetRequests();
    const r = await conn.query('SELECT ListingId FROM ChannelListings WHERE ChannelId = 664179 LIMIT 3');
    expect(r.rowCount).toBe(3);
    expect(listingRequests()).toHaveLength(1);
    expect(listingRequests()[0].query).toMatchObject({ limit: '3' });
  });

  it('sends date filters to the API, which returns only the listings in range', async () => {
    const from = '2025-06-01T00:00:00Z';
    const to = '2025-10-01T00:00:00Z';
    const expected = sim.store.extras
      .channelListings(664179)
      .filter((l) => Date.parse(l.date_created as string) >= Date.parse(from))
      .filter((l) => Date.parse(l.date_modified as string) <= Date.parse(to))
      .map((l) => ({ ListingId: l.listing_id }));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(30);
    sim.resetRequests();
    const r = await conn.query(
      'SELECT ListingId FROM ChannelListings WHERE ChannelId = 664179 AND DateCreated >= ? AND DateModified <= ? ORDER BY ListingId',
      [from, to],
    );
    expect(r.rows).toEqual(expected);
    expect(listingRequests()).toHaveLength(1);
    expect(listingRequests()[0].query).toMatchObject({
      'date_created:min': '2025-06-01T00:00:00Z',
      'date_modified:max': '2025-10-01T00:00:00Z',
    });
    // The simulator filters as the spec says, so the API's answer alone is already the result.
    const client = makeClient(
      sim.apiBaseUrl,
      { StoreId: sim.storeHash },
      fakeAuth({ token: sim.accessToken, storeHash: sim.storeHash }),
    );
    const direct = await client.list({
      path: '/v3/channels/664179/listings',
      records: 'data',
      pagination: 'cursor',
      pageSize: 250,
      query: { 'date_created:min': from, 'date_modified:max': to },
      table: 'ChannelListings',
    });
    expect(direct.records.map((l) => ({ ListingId: l.listing_id }))).toEqual(expected);
  });
});
