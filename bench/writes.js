/**
 * The write scenarios: 1,000-row UPDATE and INSERT statements against a 50k-product store at
 * 50 ms latency under a 450/30 s quota, each against its quota bound (requests ÷ quota × window,
 * as scenario 2 measures a scan) and against the simulator's floor for a fresh fixed window (the
 * whole windows it must wait out). Products are updated 10 per PUT and created one per POST;
 * customers are created 10 per POST. `node bench/run.js writes` runs these alone and rewrites
 * their block of RESULTS.md.
 */
/* global performance */
const { connect } = require('../dist');
const { formatMs, round } = require('./stats');

function connectTo(details) {
  return connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: details.storeHash,
    OAuthAccessToken: details.accessToken,
    ApiBaseURL: details.apiBaseUrl,
    LoginBaseURL: details.loginBaseUrl,
  });
}

/** `n` rows of VALUES, each made by `row(i)`. */
const values = (n, row) => Array.from({ length: n }, (_, i) => row(i + 1)).join(',\n');

const STATEMENTS = {
  update: (n) => ({
    label: `UPDATE Products SET Price = Price + 1 WHERE Id <= ${n}`,
    sql: `UPDATE Products SET Price = Price + 1 WHERE Id <= ${n}`,
  }),
  insertCustomers: (n) => ({
    label: `INSERT INTO Customers (Email, FirstName, LastName) VALUES … ${n} rows`,
    sql: `INSERT INTO Customers (Email, FirstName, LastName) VALUES ${values(n, (i) => `('bench${i}@writes.test', 'Bench', 'Writer ${i}')`)}`,
  }),
  insertProducts: (n) => ({
    label: `INSERT INTO Products (Name, Type, Weight, Price) VALUES … ${n} rows`,
    sql: `INSERT INTO Products (Name, Type, Weight, Price) VALUES ${values(n, (i) => `('Bench Product ${i}', 'physical', 1, ${i % 100}.5)`)}`,
  }),
};

/** One statement on a fresh simulator (fresh rate-limit window): time, requests by method, 429s. */
async function writeRun(sim, simOpts, statement) {
  const details = await sim.start(simOpts);
  const conn = await connectTo(details);
  try {
    const t0 = performance.now();
    let result;
    let error;
    try {
      result = await conn.query(statement.sql);
    } catch (err) {
      error = { code: err.code, message: String(err.message).slice(0, 300) };
    }
    const ms = performance.now() - t0;
    const stats = await sim.stats();
    const requests = stats.api;
    const { quota, windowMs } = simOpts.rateLimit;
    const boundMs = (requests / quota) * windowMs;
    // A fresh fixed window lets `quota` requests through at once: the least time is the waits.
    const floorMs = (Math.ceil(requests / quota) - 1) * windowMs;
    return {
      label: statement.label,
      ms,
      rowCount: result?.rowCount ?? 0,
      requests,
      byMethod: stats.byMethod,
      status429: stats.byStatus[429] ?? 0,
      boundMs,
      overBound: ms / boundMs,
      floorMs,
      error,
    };
  } finally {
    await conn.close();
  }
}

async function writeScenarios(sim, cfg) {
  const simOpts = {
    products: cfg.products,
    customers: cfg.customers,
    orders: 10,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  };
  const names = ['update', 'insertCustomers', 'insertProducts'];
  // Warm-up (untimed) on a small store: JIT both processes and compile the simulator's request
  // body validators, which the first write of each endpoint would otherwise pay for.
  const small = {
    ...simOpts,
    products: 200,
    customers: 50,
    latencyMs: 0,
    rateLimit: { ...simOpts.rateLimit },
  };
  for (const name of names) await writeRun(sim, small, STATEMENTS[name](10));
  const runs = [];
  for (const name of names) {
    runs.push(await writeRun(sim, simOpts, STATEMENTS[name](cfg.rows)));
  }
  return { config: cfg, runs, date: new Date().toISOString().slice(0, 10) };
}

function renderWrites(w) {
  const c = w.config;
  const L = [
    `### Writes: ${c.rows.toLocaleString('en')}-row statements on a ${c.products.toLocaleString('en')}-product store (${c.latencyMs} ms latency, quota ${c.quota}/${c.windowMs / 1000} s, default MaxConcurrentRequests)`,
    '',
    `Run ${w.date}; reproduce with \`npm run build && node --expose-gc bench/run.js writes\` (rewrites this block only). Each statement runs on a fresh simulator after an untimed warm-up on a small store.`,
    '',
    'Quota bound: requests ÷ quota × window, as in scenario 2. Window floor: the whole windows a fresh fixed window makes that many requests wait out, (⌈requests ÷ quota⌉ − 1) × window; 0 when they fit in one window, and latency sets the time.',
    '',
    '| Statement | Rows | Requests (reads + writes) | Time | Quota bound | Time ÷ bound | Window floor | Time ÷ floor | 429s from the server | Result |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of w.runs) {
    const methods = Object.entries(r.byMethod ?? {})
      .map(([m, n]) => `${n} ${m}`)
      .join(' + ');
    L.push(
      `| \`${r.label}\` | ${r.rowCount} | ${r.requests} (${methods}) | ${formatMs(r.ms)} | ${formatMs(r.boundMs)} | ${round(r.overBound, 2)} | ${r.floorMs > 0 ? formatMs(r.floorMs) : '0'} | ${r.floorMs > 0 ? round(r.ms / r.floorMs, 2) : '—'} | ${r.status429} | ${r.error ? r.error.code : 'ok'} |`,
    );
  }
  return L.join('\n');
}

module.exports = { writeScenarios, renderWrites };
