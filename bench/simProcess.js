/**
 * The benchmark's simulator, in its own process so its CPU (building and serialising pages) is not
 * charged to the client being measured. Driven over IPC by SimulatorProcess.js: one simulator at a
 * time; `start` replaces the previous one (a new port, so the client's per-store pacer starts fresh).
 */
/* global setImmediate */
const events = require('node:events');
const { startSimulator } = require('../dist/simulator');

// The simulator's latency sleep listens on one shutdown signal per request in flight; a 100-query
// scenario has more than Node's default of 10 listeners waiting at once, which is not a leak.
events.setMaxListeners(1000);

let sim;

const commands = {
  async start(opts) {
    if (sim) await sim.close();
    sim = await startSimulator(opts);
    const { apiBaseUrl, loginBaseUrl, storeHash, clientId, clientSecret, accessToken } = sim;
    return { apiBaseUrl, loginBaseUrl, storeHash, clientId, clientSecret, accessToken };
  },
  setLatency: (ms) => sim.setLatency(ms),
  setRateLimit: (limit) => sim.setRateLimit(limit),
  issueTokens: (opts) => sim.issueTokens(opts),
  resetRequests: () => sim.resetRequests(),
  /** Modifies `changed` records spread over the ids and deletes `deleted` others (replica scenarios). */
  mutateSpread(resource, changed, deleted) {
    const ids = [...sim.store.ids(resource)];
    const step = Math.max(1, Math.floor(ids.length / (changed + deleted)));
    for (let i = 0; i < changed + deleted; i++) {
      const id = ids[(i * step) % ids.length];
      sim.store.mutate({ resource, action: i < changed ? 'modify' : 'delete', id });
    }
  },
  /** CPU this process has used (µs), to show how much of a run the simulator itself costs. */
  cpu: () => process.cpuUsage(),
  /** Counts instead of the log itself: a 200-page scan's log is not worth sending over IPC. */
  stats() {
    const byStatus = {};
    const byMethod = {};
    let api = 0;
    let bytes = 0;
    let refreshGrants = 0;
    const sample = [];
    for (const r of sim.requests) {
      if (r.kind === 'api') {
        api++;
        bytes += r.bytes ?? 0;
        byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
        if (sample.length < 3) sample.push({ method: r.method, path: r.path, query: r.query });
      } else if (r.path === '/oauth2/token' && r.grantType === 'refresh_token') {
        refreshGrants++;
      }
    }
    return { api, bytes, byStatus, byMethod, refreshGrants, sample };
  },
  async close() {
    if (sim) await sim.close();
    sim = undefined;
    setImmediate(() => process.exit(0));
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](...(args ?? []));
    process.send({ id, ok: true, result });
  } catch (err) {
    process.send({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
