/**
 * Exact money: what the decimal-aware SUM costs. `node bench/moneySum.js [orders] [repeats]`
 * (after `npm run build`) starts the simulator in this process with that many orders (default
 * 50,000) and times, interleaved, the same scan-and-sum two ways:
 * - `SUM(TotalIncTax)`: rewritten to the exact decimal aggregate (src/engine/decimalAggregates.ts);
 * - `SUM(TotalIncTax + 0)`: an expression, so SQLite's float sum — the mechanism before.
 * Both stage every order (200 pages of 250); the difference is the aggregate. It also times the
 * aggregates alone over the staged values, without the fetch.
 */
/* global performance */
const Database = require('better-sqlite3');
const { connect } = require('../dist');
const { startSimulator } = require('../dist/simulator');
const { registerDecimalAggregates } = require('../dist/engine/decimalAggregates');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const orders = Number(process.argv[2] ?? 50000);
  const repeats = Number(process.argv[3] ?? 5);
  const sim = await startSimulator({ rateLimit: false, orders, products: 50, customers: 50 });
  const conn = await connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: sim.storeHash,
    OAuthAccessToken: sim.accessToken,
    ApiBaseURL: sim.apiBaseUrl,
  });
  const variants = {
    exact: 'SELECT SUM(TotalIncTax) AS s FROM Orders',
    float: 'SELECT SUM(TotalIncTax + 0) AS s FROM Orders',
  };
  const times = { exact: [], float: [] };
  const answers = {};
  await conn.query(variants.float); // warm-up: JIT, connection pool
  for (let i = 0; i < repeats; i++) {
    for (const [name, sql] of i % 2 ? Object.entries(variants).reverse() : Object.entries(variants)) {
      const t0 = performance.now();
      const r = await conn.query(sql);
      times[name].push(performance.now() - t0);
      answers[name] = r.rows[0].s;
    }
  }
  const values = (await conn.query('SELECT TotalIncTax FROM Orders', [], { rowMode: 'array' })).rows;
  await conn.close();
  await sim.close();

  const db = new Database(':memory:');
  registerDecimalAggregates(db);
  db.exec('CREATE TABLE o (t REAL)');
  const insert = db.prepare('INSERT INTO o VALUES (?)');
  db.transaction(() => values.forEach((v) => insert.run(v[0])))();
  const local = { exact: [], float: [] };
  const sums = {
    exact: db.prepare('SELECT bcsql_decimal_sum(t) FROM o'),
    float: db.prepare('SELECT SUM(t) FROM o'),
  };
  for (let i = 0; i < 20; i++) {
    for (const name of ['exact', 'float']) {
      const t0 = performance.now();
      sums[name].pluck().get();
      local[name].push(performance.now() - t0);
    }
  }
  const ratio = median(times.exact) / median(times.float);
  console.log(
    JSON.stringify(
      {
        orders,
        repeats,
        endToEndMs: { exact: times.exact.map(Math.round), float: times.float.map(Math.round) },
        medianMs: { exact: Math.round(median(times.exact)), float: Math.round(median(times.float)) },
        exactOverFloat: Number(ratio.toFixed(3)),
        aggregateOnlyMs: { exact: median(local.exact).toFixed(2), float: median(local.float).toFixed(2) },
        answers,
      },
      null,
      2,
    ),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
