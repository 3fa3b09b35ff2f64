/**
 * What running store statements in PostgreSQL costs on `bcsql serve`:
 * `node bench/serveExec.js [products] [repeats] [sessions]` (after `npm run build`) starts the
 * simulator in this process (no latency, no quota) and `bcsql serve` on it, then measures
 * - staging: an aggregate over every product through serve (fetch, COPY into the engine,
 *   PostgreSQL runs it) against the provider alone fetching the same columns (SQLite);
 *   peak RSS of the process (the engines are threads of it) is sampled every 20 ms;
 * - first-query latency: a new server with a cached engine data directory, then a point query;
 *   then the warm point-query median through serve against conn.query();
 * - concurrent sessions: `sessions` clients each running a GROUP BY over the orders at once,
 *   against the same statements one after another.
 */
/* global performance, setInterval, clearInterval */
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { connect } = require('../dist');
const { startSimulator } = require('../dist/simulator');
const { startServer } = require('../dist/server/PgServer');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => Math.round(b / 1e6);

function peakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

/** Milliseconds, or the SQLSTATE when the statement failed (57014: over the engine's time limit). */
async function time(fn) {
  const t0 = performance.now();
  try {
    const result = await fn();
    return { ms: performance.now() - t0, result };
  } catch (err) {
    return { ms: NaN, error: err.code ?? err.message, after: performance.now() - t0 };
  }
}

const shown = (xs) => {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.length ? String(Math.round(median(ok))) : 'failed';
};

async function pgClient(port) {
  const c = new Client({ host: '127.0.0.1', port, user: 'bench', database: 'bigcommerce' });
  await c.connect();
  return c;
}

async function staging(conn, port, repeats) {
  const serveSql = 'SELECT count(*) AS n, sum("Price") AS s, max("DateModified") AS m FROM "Products"';
  const providerSql = 'SELECT Id, Price, DateModified FROM Products';
  const allSql = 'SELECT count(*) AS n FROM (SELECT * FROM "Products") p';
  const c = await pgClient(port);
  const out = { serve: [], provider: [], allColumns: [], rss: [], allRss: [], errors: [] };
  for (let i = 0; i < repeats; i++) {
    out.provider.push((await time(() => conn.query(providerSql))).ms);
    let stop = peakRss();
    const three = await time(() => c.query(serveSql));
    out.serve.push(three.ms);
    out.rss.push(stop());
    stop = peakRss();
    const all = await time(() => c.query(allSql));
    out.allColumns.push(all.ms);
    out.allRss.push(stop());
    for (const r of [three, all]) if (r.error) out.errors.push(`${r.error} after ${Math.round(r.after)} ms`);
  }
  await c.end();
  return out;
}

async function points(conn, port, n) {
  const c = await pgClient(port);
  const serve = [];
  const direct = [];
  for (let i = 0; i < n; i++) {
    const id = 1 + (i % 100);
    serve.push((await time(() => c.query('SELECT "Name" FROM "Products" WHERE "Id" = $1', [id]))).ms);
    direct.push((await time(() => conn.query('SELECT Name FROM Products WHERE Id = ?', [id]))).ms);
  }
  await c.end();
  return { serve: median(serve), direct: median(direct) };
}

async function concurrent(port, sessions) {
  const sql = 'SELECT "Status", count(*), sum("TotalIncTax") FROM "Orders" GROUP BY 1 ORDER BY 1';
  const clients = await Promise.all(Array.from({ length: sessions }, () => pgClient(port)));
  const one = await time(async () => {
    for (const c of clients) await c.query(sql);
  });
  const all = await time(() => Promise.all(clients.map((c) => c.query(sql))));
  await Promise.all(clients.map((c) => c.end()));
  return { sequentialMs: one.ms, concurrentMs: all.ms };
}

async function main() {
  const products = Number(process.argv[2] ?? 50000);
  const repeats = Number(process.argv[3] ?? 3);
  const sessions = Number(process.argv[4] ?? 8);
  const sim = await startSimulator({ rateLimit: false, products, orders: 5000, customers: 100 });
  const conn = await connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    ApiBaseURL: sim.apiBaseUrl,
  });
  const cacheDir = path.join(os.tmpdir(), 'bcsql-bench-serve-cache');
  // A first server fills the engine cache, so the timed start is the usual (cached) one.
  await (await startServer({ connection: conn, port: 0, cacheDir })).close();
  const rssBefore = process.memoryUsage().rss;
  const started = await time(() => startServer({ connection: conn, port: 0, cacheDir }));
  const server = started.result;
  const first = await time(async () => {
    const c = await pgClient(server.port);
    await c.query('SELECT "Name" FROM "Products" WHERE "Id" = 1');
    await c.end();
  });
  const stage = await staging(conn, server.port, repeats);
  const point = await points(conn, server.port, 200);
  const conc = await concurrent(server.port, sessions);
  await server.close();
  await conn.close();
  await sim.close();
  const line = (name, v) => console.log(`| ${name} | ${v} |`);
  console.log(
    `\n${products} products, 5000 orders, in-process simulator, no latency, median of ${repeats}\n`,
  );
  console.log('| Measure | Value |\n| --- | --- |');
  line('serve start (cached engine), ms', Math.round(started.ms));
  line('first point query after start (connect + fetch + load + run), ms', Math.round(first.ms));
  line('machine load average (1 min) at the end', os.loadavg()[0].toFixed(1));
  line(`aggregate over all products through serve (3 columns staged), ms`, shown(stage.serve));
  line('the same columns fetched by the provider alone (SQLite), ms', shown(stage.provider));
  line('aggregate over SELECT * (all 72 columns staged), ms', shown(stage.allColumns));
  if (stage.errors.length) line('failed runs', stage.errors.join('; '));
  line('peak RSS, 3 columns / all columns, MB (before serve started)', `${mb(median(stage.rss))} / ${mb(median(stage.allRss))} (${mb(rssBefore)})`); // prettier-ignore
  line(
    'point query median through serve / conn.query(), ms',
    `${point.serve.toFixed(2)} / ${point.direct.toFixed(2)}`,
  );
  line(`${sessions} sessions GROUP BY over 5000 orders: one after another / at once, ms`, `${Math.round(conc.sequentialMs)} / ${Math.round(conc.concurrentMs)}`); // prettier-ignore
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
