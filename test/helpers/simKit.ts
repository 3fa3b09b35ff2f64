/**
 * The set-up most integration tests share: a simulator (no rate limit unless asked) and
 * connections to it through the public connect(), all closed together.
 */
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';

export interface SimKit {
  sim: Simulator;
  /** A new connection to the simulator; `props` override the defaults (PersonalAccessToken). */
  connectWith(props?: Record<string, unknown>): Promise<Connection>;
  /** API requests the simulator received since the last sim.resetRequests(). */
  apiRequests(): Simulator['requests'];
  close(): Promise<void>;
}

/** `props` apply to every connection the kit opens. */
export async function simKit(
  opts: SimulatorOptions = {},
  props: Record<string, unknown> = {},
): Promise<SimKit> {
  const sim = await startSimulator({ rateLimit: false, ...opts });
  const opened: Connection[] = [];
  return {
    sim,
    async connectWith(extra = {}) {
      const conn = await connect({
        AuthScheme: 'PersonalAccessToken',
        StoreId: sim.storeHash,
        OAuthAccessToken: sim.accessToken,
        ApiBaseURL: sim.apiBaseUrl,
        LoginBaseURL: sim.loginBaseUrl,
        ...props,
        ...extra,
      });
      opened.push(conn);
      return conn;
    },
    apiRequests: () => sim.requests.filter((r) => r.kind === 'api'),
    async close() {
      for (const c of opened) await c.close();
      await sim.close();
    },
  };
}
