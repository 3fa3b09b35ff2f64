/**
 * The replica's scenarios: a first REPLICATE of 50k products and 50k orders under a 450/30 s quota
 * (against the quota bound), a second run with nothing changed, a run after 1% of the products
 * changed and 10 were deleted, then point queries and a GROUP BY served from the replica file.
 * `node bench/run.js replica` runs these alone and rewrites their block of RESULTS.md.
 */
/* global performance */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { connect } = require('../dist');
const { median } = require('./stats');

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

/** One REPLICATE: wall time, per-table summary and the requests the simulator received. */
async function replicateRun(sim, conn, sql) {
  await sim.call('resetRequests');
  const simCpu0 = await sim.call('cpu');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await conn.query(sql);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const simCpu1 = await sim.call('cpu');
  const stats = await sim.stats();
  const tables = Object.fromEntries(result.rows.map((r) => [r.Table, r]));
  const clientCpuMs = (cpu.user + cpu.system) / 1000;
  const simCpuMs = (simCpu1.user - simCpu0.user + simCpu1.system - simCpu0.system) / 1000;
  return { ms, requests: stats.api, status429: stats.byStatus[429] ?? 0, tables, clientCpuMs, simCpuMs };
}

async function replicaScenarios(sim, cfg) {
  const loadStart = os.loadavg()[0].toFixed(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-bench-replica-'));
  const file = path.join(dir, 'bench.db');
  const sql = `REPLICATE INTO '${file}' TABLES (Products, Orders)`;
  const details = await sim.start({
    products: cfg.products,
    orders: cfg.orders,
    customers: 100,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  });
  const conn = await connectTo(details);
  try {
    const first = await replicateRun(sim, conn, sql);
    const boundMs = (first.requests / cfg.quota) * cfg.windowMs;
    const unchanged = await replicateRun(sim, conn, sql);
    const changedCount = Math.round(cfg.products * 0.01);
    await sim.call('mutateSpread', 'products', changedCount, cfg.deleted);
    const changed = await replicateRun(sim, conn, sql);
    const point = await pointQueries(details, file, cfg.pointQueries, cfg.products);
    const groupBy = await groupByOrders(details, file, cfg.groupByRepeats);
    return {
      load: { start: loadStart, end: os.loadavg()[0].toFixed(2) },
      config: { ...cfg, changed: changedCount },
      first: { ...first, boundMs, overBound: first.ms / boundMs },
      unchanged,
      changed,
      point,
      groupBy,
    };
  } finally {
    await conn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `SELECT * FROM Products WHERE Id = ?` through an Offline connection: the replica answers. */
async function pointQueries(details, file, n, products) {
  const conn = await connectTo(details, { CacheLocation: file, Offline: true });
  try {
    const times = [];
    let requests = 0;
    for (let i = 0; i < n + 50; i++) {
      const id = 1 + ((i * 7919) % products);
      const t0 = performance.now();
      const r = await conn.query('SELECT * FROM Products WHERE Id = ?', [id]);
      if (i >= 50) times.push(performance.now() - t0);
      requests += r.requestCount;
    }
    return { queries: n, medianMs: median(times), requests };
  } finally {
    await conn.close();
  }
}

async function groupByOrders(details, file, repeats) {
  const conn = await connectTo(details, { CacheLocation: file, Offline: true });
  const sql = 'SELECT StatusId, COUNT(*) AS Orders, SUM(TotalIncTax) AS Total FROM Orders GROUP BY StatusId';
  try {
    const times = [];
    let groups = 0;
    for (let i = 0; i < repeats + 1; i++) {
      const t0 = performance.now();
      const r = await conn.query(sql);
      if (i > 0) times.push(performance.now() - t0);
      groups = r.rowCount;
    }
    return { sql, medianMs: median(times), groups };
  } finally {
    await conn.close();
  }
}

const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const yes = (ok) => (ok ? 'yes' : '**no**');

/** The replica's section of the report. */
function renderReplica(r) {
  const c = r.config;
  const req = (run, t) => run.tables[t].Requests;
  const perTable = (run) => `Products ${req(run, 'Products')}, Orders ${req(run, 'Orders')}`;
  const changedBound = c.changed / 250 + 2;
  const idPages = Math.ceil(c.products / 250);
  return [
    `### Replica: ${c.products.toLocaleString('en')} products + ${c.orders.toLocaleString('en')} orders into SQLite (${c.latencyMs} ms latency, quota ${c.quota}/${c.windowMs / 1000} s)`,
    '',
    '| Goal | Target | Measured | Met |',
    '| --- | --- | --- | --- |',
    `| First replicate ÷ quota bound (requests ÷ quota × window) | ≤ 1.10 | ${round(r.first.overBound, 3)} (${round(r.first.ms / 1000)} s vs ${round(r.first.boundMs / 1000)} s; ${r.first.requests} requests, ${r.first.status429} 429s) | ${yes(r.first.overBound <= 1.1)} |`,
    `| Second run, nothing changed: requests per table (+ id check) | ≤ 2 | ${perTable(r.unchanged)} | ${yes(req(r.unchanged, 'Products') <= 2 && req(r.unchanged, 'Orders') <= 2)} |`,
    `| Second run, nothing changed: time | < 5 s | ${round(r.unchanged.ms / 1000, 2)} s | ${yes(r.unchanged.ms < 5000)} |`,
    `| ${c.changed} products changed, ${c.deleted} deleted: Products requests | ≤ ${c.changed}/250 + 2 + id check (${idPages} pages) = ${round(changedBound + idPages, 2)} | ${req(r.changed, 'Products')} (Orders ${req(r.changed, 'Orders')}; ${round(r.changed.ms / 1000, 1)} s) | ${yes(req(r.changed, 'Products') <= changedBound + idPages)} |`,
    `| \`SELECT * FROM Products WHERE Id = ?\` from the replica, median of ${r.point.queries} | < 1 ms | ${round(r.point.medianMs, 3)} ms (${r.point.requests} API requests) | ${yes(r.point.medianMs < 1)} |`,
    `| GROUP BY over ${c.orders.toLocaleString('en')} replicated orders, median of ${c.groupByRepeats} | < 100 ms | ${round(r.groupBy.medianMs, 1)} ms (${r.groupBy.groups} groups) | ${yes(r.groupBy.medianMs < 100)} |`,
    '',
    `First replicate CPU: client ${round(r.first.clientCpuMs / 1000)} s, simulator ${round(r.first.simCpuMs / 1000)} s ` +
      `(on ${os.cpus().length} CPUs the two alone need at least ${round(Math.max(r.first.clientCpuMs, r.first.simCpuMs, (r.first.clientCpuMs + r.first.simCpuMs) / os.cpus().length) / 1000)} s); ` +
      `second run: client ${round(r.unchanged.clientCpuMs / 1000, 2)} s, simulator ${round(r.unchanged.simCpuMs / 1000, 2)} s.`,
    '',
    `Rows after the 1% run: Products +${r.changed.tables.Products.Inserted} ~${r.changed.tables.Products.Updated} -${r.changed.tables.Products.Deleted}. ` +
      `Load average (1 min) at start / end: ${r.load.start} / ${r.load.end} on ${os.cpus().length} CPUs.`,
    '',
  ].join('\n');
}

module.exports = { replicaScenarios, renderReplica };
