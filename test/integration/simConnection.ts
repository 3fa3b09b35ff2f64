/** Shared set-up for the engine's integration tests: a simulator and a connection to it. */
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';

export interface SimSetup {
  sim: Simulator;
  conn: Connection;
  /** API requests the simulator received since the last reset. */
  apiRequests(): { method: string; path: string; query: Record<string, string> }[];
  connectWith(props?: Record<string, unknown>): Promise<Connection>;
  close(): Promise<void>;
}

export async function simSetup(
  store: { products?: number; customers?: number; orders?: number; seed?: number } = {},
  props: Record<string, unknown> = {},
): Promise<SimSetup> {
  const sim = await startSimulator({ rateLimit: false, ...store });
  const opened: Connection[] = [];
  const connectWith = async (extra: Record<string, unknown> = {}) => {
    const c = await connect({
      AuthScheme: 'PersonalAccessToken',
      StoreId: sim.storeHash,
      OAuthAccessToken: sim.accessToken,
      ApiBaseURL: sim.apiBaseUrl,
      LoginBaseURL: sim.loginBaseUrl,
      ...props,
      ...extra,
    });
    opened.push(c);
    return c;
  };
  const conn = await connectWith();
  return {
    sim,
    conn,
    connectWith,
    apiRequests: () => sim.requests.filter((r) => r.kind === 'api'),
    async close() {
      for (const c of opened) await c.close();
      await sim.close();
    },
  };
}
