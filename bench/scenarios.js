/**
 * The benchmark's scenarios. Each takes the simulator process and a size config and
 * returns plain data for the report. Every timed run gets a fresh simulator (new port: a fresh
 * rate-limit window on the server and a fresh per-store pacer in this process), and the variants
 * of one comparison run interleaved, repeat by repeat, so drift in machine load hits all alike.
 */
/* global performance, setTimeout */
const path = require('node:path');
const { execFile } = require('node:child_process');
const { connect } = require('../dist');
const { MemoryTokenStore } = require('../dist/auth/stores/memoryStore');
const { setBrowserHooks } = require('../dist/auth/browser');
const { scanWithNodeBigcommerce } = require('./nodeBigcommerce');
const { scanWithFetch, timeOneGet } = require('./bareFetch');
const { median, quantile } = require('./stats');

const gc = typeof global.gc === 'function' ? global.gc : () => undefined;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function connectTo(details, props = {}) {
  return connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: details.storeHash,
    OAuthAccessToken: details.accessToken,
    ApiBaseURL: details.apiBaseUrl,
    LoginBaseURL: details.loginBaseUrl,
    ...props,
  });
}

/** Runs `fn` against a fresh simulator and returns its time, result and the server's request counts. */
async function timed(sim, simOpts, fn) {
  const details = await sim.start(simOpts);
  gc();
  const simCpu0 = await sim.call('cpu');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let result;
  let error;
  try {
    result = await fn(details);
  } catch (err) {
    error = { code: err.code, message: err.message };
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const simCpu1 = await sim.call('cpu');
  const stats = await sim.stats();
  return {
    ms,
    result,
    error,
    stats,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    simCpuMs: (simCpu1.user - simCpu0.user + simCpu1.system - simCpu0.system) / 1000,
  };
}

const provider = (concurrency) => async (details) => {
  const conn = await connectTo(details, { MaxConcurrentRequests: concurrency });
  try {
    const r = await conn.query('SELECT * FROM Products');
    return { rows: r.rowCount, warnings: r.warnings };
  } finally {
    await conn.close();
  }
};

const nodeBigcommerce = () => async (details) => ({ rows: await scanWithNodeBigcommerce(details) });
const bareFetch = (concurrency) => async (details) => scanWithFetch(details, concurrency);

function summarise(runs) {
  const ok = runs.filter((r) => !r.error);
  const ms = median(ok.map((r) => r.ms));
  const rows = ok.length ? ok[0].result.rows : 0;
  return {
    ms,
    rows,
    rowsPerSec: rows / (ms / 1000),
    runsMs: runs.map((r) => Math.round(r.ms)),
    clientCpuMs: median(runs.map((r) => r.clientCpuMs)),
    simCpuMs: median(runs.map((r) => r.simCpuMs)),
    requests: runs[0]?.stats.api,
    bytes: median(runs.map((r) => r.stats.bytes ?? 0)),
    status429: runs.reduce((n, r) => n + (r.stats.byStatus[429] ?? 0), 0),
    errors: runs.filter((r) => r.error).map((r) => r.error),
    sampleRequest: runs[0]?.stats.sample[0],
  };
}

/** Scenario 1: (a) provider, (b) node-bigcommerce page by page, (c) bare fetch at the same concurrency. */
async function fullScanComparison(sim, cfg) {
  const simOpts = {
    products: cfg.products,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  };
  // Warm-up (untimed): JIT both processes on the same work.
  await timed(sim, simOpts, provider(cfg.concurrency));
  await timed(sim, simOpts, bareFetch(cfg.concurrency));
  const runs = { a: [], b: [], c: [] };
  for (let i = 0; i < cfg.repeats; i++) {
    runs.a.push(await timed(sim, simOpts, provider(cfg.concurrency)));
    runs.b.push(await timed(sim, simOpts, nodeBigcommerce()));
    runs.c.push(await timed(sim, simOpts, bareFetch(cfg.concurrency)));
  }
  const a = summarise(runs.a);
  const b = summarise(runs.b);
  const c = summarise(runs.c);
  return { config: cfg, a, b, c, bOverA: b.ms / a.ms, aOverC: a.ms / c.ms };
}

/** Scenario 1 again at several MaxConcurrentRequests, each beside the floor at the same concurrency. */
async function concurrencySweep(sim, cfg) {
  const simOpts = {
    products: cfg.products,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  };
  const out = [];
  for (const concurrency of cfg.levels) {
    const a = [];
    const c = [];
    for (let i = 0; i < cfg.repeats; i++) {
      a.push(await timed(sim, simOpts, provider(concurrency)));
      c.push(await timed(sim, simOpts, bareFetch(concurrency)));
    }
    const sa = summarise(a);
    const sc = summarise(c);
    out.push({ concurrency, a: sa, c: sc, aOverC: sa.ms / sc.ms });
  }
  return { config: cfg, levels: out };
}

/** Scenario 2: the scan under a tight quota; 429s must stay inside the provider. */
async function tightQuota(sim, cfg) {
  const simOpts = {
    products: cfg.products,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  };
  const run = await timed(sim, simOpts, provider(cfg.concurrency));
  const pages = Math.ceil(cfg.products / 250);
  const boundMs = (pages / cfg.quota) * cfg.windowMs;
  return {
    config: cfg,
    ms: run.ms,
    rows: run.result?.rows ?? 0,
    error: run.error,
    requests: run.stats.api,
    status429AtServer: run.stats.byStatus[429] ?? 0,
    status429Surfaced: run.error && /RATE_LIMITED/.test(run.error.code ?? '') ? 1 : 0,
    pages,
    boundMs,
    overBound: run.ms / boundMs,
  };
}

/** Scenario 3: per point query, the provider's time minus a bare fetch of the same URL, back to back. */
async function pointQueries(sim, cfg) {
  const details = await sim.start({ products: cfg.products, latencyMs: 0, rateLimit: false });
  const conn = await connectTo(details);
  const base = `${details.apiBaseUrl}/stores/${details.storeHash}/v3/catalog/products`;
  const sql = 'SELECT * FROM Products WHERE Id = ?';
  try {
    for (let i = 1; i <= cfg.warmup; i++) {
      await conn.query(sql, [i]);
      await timeOneGet(`${base}/${i}`, details.accessToken);
    }
    await sim.call('resetRequests');
    gc();
    const query = [];
    const fetchMs = [];
    const overhead = [];
    let wrongRows = 0;
    for (let i = 0; i < cfg.queries; i++) {
      const id = (i % cfg.products) + 1;
      const f = await timeOneGet(`${base}/${id}`, details.accessToken);
      const t0 = performance.now();
      const r = await conn.query(sql, [id]);
      const q = performance.now() - t0;
      if (r.rowCount !== 1 || r.rows[0].Id !== id) wrongRows++;
      query.push(q);
      fetchMs.push(f);
      overhead.push(q - f);
    }
    const stats = await sim.stats();
    return {
      config: cfg,
      queries: cfg.queries,
      wrongRows,
      // Each query and each bare fetch is one request.
      requests: stats.api,
      sampleRequest: stats.sample.find((s) => /\/products\/\d+$/.test(s.path)),
      queryMedianMs: median(query),
      fetchMedianMs: median(fetchMs),
      overheadMedianMs: median(overhead),
      overheadP99Ms: quantile(overhead, 0.99),
      queryP99Ms: quantile(query, 0.99),
    };
  } finally {
    await conn.close();
  }
}

/** Scenario 4: join with aggregation over customers and orders. */
async function joinAggregate(sim, cfg) {
  const simOpts = {
    products: 10,
    customers: cfg.customers,
    orders: cfg.orders,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  };
  const sql =
    'SELECT c.Email, COUNT(*), SUM(o.TotalIncTax) FROM Customers c JOIN Orders o ON o.CustomerId = c.Id GROUP BY c.Email';
  const run = async (details) => {
    const conn = await connectTo(details);
    try {
      const r = await conn.query(sql);
      return { rows: r.rowCount, requestCount: r.requestCount };
    } finally {
      await conn.close();
    }
  };
  await timed(sim, simOpts, run);
  const runs = [];
  for (let i = 0; i < cfg.repeats; i++) runs.push(await timed(sim, simOpts, run));
  const ok = runs.filter((r) => !r.error);
  const ms = median(ok.map((r) => r.ms));
  return {
    config: cfg,
    sql,
    ms,
    runsMs: runs.map((r) => Math.round(r.ms)),
    rowsOut: ok[0]?.result.rows,
    rowsIn: cfg.customers + cfg.orders,
    rowsInPerSec: (cfg.customers + cfg.orders) / (ms / 1000),
    requests: runs[0].stats.api,
    status429: runs.reduce((n, r) => n + (r.stats.byStatus[429] ?? 0), 0),
    errors: runs.filter((r) => r.error).map((r) => r.error),
  };
}

/** Scenario 5: 100 connections sharing a settings store whose token has expired → one refresh. */
async function sharedExpiredToken(sim, cfg) {
  const details = await sim.start({
    products: 50,
    latencyMs: cfg.latencyMs,
    rateLimit: false,
    expiringTokens: true,
    tokenTtlSeconds: 3600,
  });
  // A sign-in must never open a browser from the benchmark.
  setBrowserHooks({
    launch: () => Promise.reject(new Error('no browser in the benchmark')),
    print: () => undefined,
  });
  const location = `memory://bench-${Date.now()}`;
  const ttl = 1;
  const issued = await sim.call('issueTokens', { expiresIn: ttl });
  await new MemoryTokenStore(location).update(async () => ({
    value: undefined,
    save: {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresIn: ttl,
      timestamp: Date.now(),
      storeHash: details.storeHash,
    },
  }));
  await sleep(ttl * 1000 + 300); // expired in the store and at the server
  await sim.call('resetRequests');
  const conns = await Promise.all(
    Array.from({ length: cfg.connections }, () =>
      connect({
        AuthScheme: 'OAuth',
        InitiateOAuth: 'GETANDREFRESH',
        OAuthSettingsLocation: location,
        OAuthClientId: details.clientId,
        OAuthClientSecret: details.clientSecret,
        CallbackURL: 'http://localhost:33333/callback',
        StoreId: details.storeHash,
        ApiBaseURL: details.apiBaseUrl,
        LoginBaseURL: details.loginBaseUrl,
      }),
    ),
  );
  const t0 = performance.now();
  const outcomes = await Promise.allSettled(
    conns.map((c, i) => c.query('SELECT Id, Name FROM Products WHERE Id = ?', [(i % 50) + 1])),
  );
  const ms = performance.now() - t0;
  await Promise.all(conns.map((c) => c.close()));
  const stats = await sim.stats();
  const failures = outcomes.filter((o) => o.status === 'rejected');
  return {
    config: cfg,
    ms,
    succeeded: outcomes.length - failures.length,
    failed: failures.length,
    firstFailure: failures[0] ? `${failures[0].reason.code}: ${failures[0].reason.message}` : undefined,
    refreshGrants: stats.refreshGrants,
    status401: stats.byStatus[401] ?? 0,
    apiRequests: stats.api,
  };
}

/** Scenario 6: peak RSS of a conn.stream() scan, measured in a child process of its own. */
async function streamMemory(sim, cfg) {
  const details = await sim.start({ products: cfg.products, latencyMs: cfg.latencyMs, rateLimit: false });
  const arg = JSON.stringify({ details, props: {}, sql: 'SELECT * FROM Products' });
  const out = await new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, 'streamScan.js'), arg],
      { maxBuffer: 1 << 20 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`streamScan: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
  const stats = await sim.stats();
  return { config: cfg, ...JSON.parse(out), requests: stats.api };
}

module.exports = {
  fullScanComparison,
  concurrencySweep,
  tightQuota,
  pointQueries,
  joinAggregate,
  sharedExpiredToken,
  streamMemory,
  timed,
  connectTo,
  summarise,
};
