/**
 * `npm run bench`: builds, then runs every scenario of bench/scenarios.js against the simulator in
 * a separate process, prints a markdown table, writes bench/results-<date>.json and updates bench/RESULTS.md.
 *   --quick        reduced sizes and one repeat, for a smoke test (RESULTS.md is left alone)
 *   --only=a,b     run only some scenarios: scan, sweep, sweepSlow, quota, point, join, refresh,
 *                  stream, projection, slowPages, replica
 *   replica        the replica scenarios alone (bench/replica.js); rewrites only their block of RESULTS.md
 *   writes         the write scenarios alone (bench/writes.js); rewrites only their block of RESULTS.md
 * BENCH_REPEATS overrides the number of repeats of the timed comparisons (default 3).
 */
/* global performance */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SimulatorProcess } = require('./SimulatorProcess');
const scenarios = require('./scenarios');
const { projectionScan, slowPages } = require('./projection');
const { replicaScenarios, renderReplica } = require('./replica');
const { writeScenarios, renderWrites } = require('./writes');
const { writeResultsBlock } = require('./resultsBlock');
const { render } = require('./report');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const replicaAlone = args.includes('replica');
const writesAlone = args.includes('writes');
const only = replicaAlone
  ? new Set(['replica'])
  : writesAlone
    ? new Set(['writes'])
    : onlyArg
      ? new Set(onlyArg.slice('--only='.length).split(','))
      : undefined;
const wanted = (name) => !only || only.has(name);
const repeats = Number(process.env.BENCH_REPEATS) || (quick ? 1 : 3);

const properties = require('../schemas/connection-properties.json').properties;
const defaultConcurrency = properties.find((p) => p.name === 'MaxConcurrentRequests').default;

const scale = (n) => (quick ? Math.max(250, Math.round(n / 10)) : n);
const SCAN = { products: scale(50_000), latencyMs: 50, quota: 450, windowMs: 30_000 };

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: os.loadavg()[0].toFixed(2),
    date: new Date().toISOString(),
    quick,
  };
}

async function main() {
  const started = performance.now();
  const results = { machine: machine(), defaultConcurrency };
  const sim = new SimulatorProcess();
  const step = async (name, label, fn) => {
    if (!wanted(name)) return;
    process.stderr.write(`bench: ${label}…\n`);
    const t0 = performance.now();
    results[name] = await fn();
    process.stderr.write(`bench: ${label} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  };
  try {
    await step('scan', 'scenario 1, full scan (a)/(b)/(c)', () =>
      scenarios.fullScanComparison(sim, { ...SCAN, concurrency: defaultConcurrency, repeats }),
    );
    await step('sweep', 'MaxConcurrentRequests sweep', () =>
      scenarios.concurrencySweep(sim, { ...SCAN, levels: [2, 4, 8, 16], repeats }),
    );
    // Real BigCommerce takes far longer than 50 ms to serve 250 products; at a higher latency the
    // choice of MaxConcurrentRequests matters more than the CPU does.
    await step('sweepSlow', 'MaxConcurrentRequests sweep at 250 ms latency', () =>
      scenarios.concurrencySweep(sim, {
        ...SCAN,
        products: scale(10_000),
        latencyMs: 250,
        levels: [2, 4, 8, 16],
        repeats,
      }),
    );
    await step('quota', 'scenario 2, quota 150/30 s', () =>
      scenarios.tightQuota(sim, { ...SCAN, quota: 150, concurrency: defaultConcurrency }),
    );
    await step('point', 'scenario 3, point queries', () =>
      scenarios.pointQueries(sim, { products: 1000, queries: quick ? 200 : 1000, warmup: 50 }),
    );
    await step('join', 'scenario 4, join with aggregation', () =>
      scenarios.joinAggregate(sim, {
        customers: scale(10_000),
        orders: scale(50_000),
        latencyMs: 50,
        quota: 450,
        windowMs: 30_000,
        repeats,
      }),
    );
    await step('refresh', 'scenario 5, shared expired token', () =>
      scenarios.sharedExpiredToken(sim, { connections: 100, latencyMs: 50 }),
    );
    await step('stream', 'scenario 6, stream memory', () =>
      scenarios.streamMemory(sim, { products: scale(200_000), latencyMs: 0 }),
    );
    await step('projection', 'scenario 7, include_fields against SELECT *', () =>
      projectionScan(sim, { ...SCAN, concurrency: defaultConcurrency, repeats }),
    );
    // 500 ms is what a real store takes for a full 250-product page; 80 pages keep node-bigcommerce's
    // one-at-a-time scan to 40 s a run while 8 in flight can approach its 80 ÷ 11 bound.
    await step('slowPages', 'scenario 8, 500 ms pages', () =>
      slowPages(sim, {
        ...SCAN,
        products: scale(20_000),
        latencyMs: 500,
        concurrency: 8,
        repeats,
      }),
    );
    await step('replica', 'replica: first, unchanged, 1% changed, point, GROUP BY', () =>
      replicaScenarios(sim, {
        products: scale(50_000),
        orders: scale(50_000),
        latencyMs: 50,
        quota: 450,
        windowMs: 30_000,
        deleted: 10,
        pointQueries: quick ? 200 : 1000,
        groupByRepeats: 5,
      }),
    );
    await step('writes', 'writes: 1,000-row UPDATE and INSERTs', () =>
      writeScenarios(sim, {
        products: scale(50_000),
        customers: scale(10_000),
        rows: quick ? 100 : 1000,
        latencyMs: 50,
        quota: 450,
        windowMs: 30_000,
      }),
    );
  } finally {
    await sim.close();
  }
  results.machine.loadEnd = os.loadavg()[0].toFixed(2);
  results.machine.totalSeconds = (performance.now() - started) / 1000;

  if (results.replica) {
    const section = renderReplica(results.replica);
    process.stdout.write(`${section}\n`);
    if (!quick) await writeResultsBlock(path.join(__dirname, 'RESULTS.md'), 'replica', section);
  }
  if (results.writes) {
    const section = renderWrites(results.writes);
    process.stdout.write(`${section}\n`);
    if (!quick) await writeResultsBlock(path.join(__dirname, 'RESULTS.md'), 'writes', section);
  }
  if (replicaAlone || writesAlone) return;
  const markdown = render(results);
  process.stdout.write(`${markdown}\n`);
  const stamp = results.machine.date.replace(/[:.]/g, '-');
  const jsonFile = path.join(__dirname, `results-${stamp}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), jsonFile)}\n`);
  if (!quick && !only) {
    await writeResultsBlock(path.join(__dirname, 'RESULTS.md'), '', markdown);
    process.stderr.write('bench: updated bench/RESULTS.md\n');
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
