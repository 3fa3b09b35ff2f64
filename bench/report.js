/** Renders benchmark results as markdown and writes them into bench/RESULTS.md between markers. */
const { formatMs, round } = require('./stats');
const { projectionGoals, projectionSections } = require('./projectionReport');

const yes = (ok) => (ok ? 'met' : '**not met**');

function machineLines(machine) {
  return [
    `- CPU: ${machine.cpuModel} × ${machine.cpus} (os.cpus())`,
    `- Memory: ${machine.memoryGB} GB; Node ${machine.node}; ${machine.platform}`,
    `- Load average (1 min) at start / end: ${machine.loadStart} / ${machine.loadEnd}`,
    `- Run: ${machine.date}, ${round(machine.totalSeconds, 0)} s in all${machine.quick ? ' (quick mode: reduced sizes)' : ''}`,
  ];
}

function render(results) {
  const { machine, scan, sweep, sweepSlow, quota, point, join, refresh, stream, defaultConcurrency } =
    results;
  const L = [];
  L.push(`### Machine`, '', ...machineLines(machine), '');
  L.push(`### Goals`, '');
  L.push('| Goal | Target | Measured | |');
  L.push('| --- | --- | --- | --- |');
  if (scan) {
    L.push(
      `| (b)/(a): node-bigcommerce time ÷ provider time | ≥ 8 | ${round(scan.bOverA, 2)} | ${yes(scan.bOverA >= 8)} |`,
    );
    L.push(
      `| (a)/(c): provider time ÷ bare-fetch floor | ≤ 1.5 | ${round(scan.aOverC, 2)} | ${yes(scan.aOverC <= 1.5)} |`,
    );
  }
  if (quota) {
    L.push(
      `| Scenario 2: 429s surfaced to the user | 0 | ${quota.status429Surfaced} (${quota.status429AtServer} answered by the server) | ${yes(quota.status429Surfaced === 0 && !quota.error)} |`,
    );
    L.push(
      `| Scenario 2: time ÷ quota bound | ≤ 1.10 | ${round(quota.overBound, 3)} (${formatMs(quota.ms)} vs ${formatMs(quota.boundMs)}) | ${yes(quota.overBound <= 1.1)} |`,
    );
  }
  if (point)
    L.push(
      `| Scenario 3: median local overhead per point query | < 1 ms | ${round(point.overheadMedianMs, 3)} ms | ${yes(point.overheadMedianMs < 1)} |`,
    );
  if (refresh)
    L.push(
      `| Scenario 5: token refreshes for ${refresh.config.connections} connections | 1 | ${refresh.refreshGrants} | ${yes(refresh.refreshGrants === 1 && refresh.failed === 0)} |`,
    );
  if (stream)
    L.push(
      `| Scenario 6: peak RSS of a ${stream.rows.toLocaleString('en')}-row stream | < 400 MB | ${round(stream.maxRssMB, 0)} MB | ${yes(stream.maxRssMB < 400)} |`,
    );
  L.push(...projectionGoals(results), '');

  if (scan) {
    const c = scan.config;
    L.push(
      `### 1. Full scan of ${c.products.toLocaleString('en')} products (${c.latencyMs} ms latency, quota ${c.quota}/${c.windowMs / 1000} s, MaxConcurrentRequests=${c.concurrency}, median of ${c.repeats})`,
      '',
    );
    L.push('| Variant | Time | Rows | Rows/s | Requests | 429s | Client CPU | Simulator CPU | Runs (ms) |');
    L.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const row = (label, s) =>
      `| ${label} | ${formatMs(s.ms)} | ${s.rows} | ${Math.round(s.rowsPerSec).toLocaleString('en')} | ${s.requests} | ${s.status429} | ${formatMs(s.clientCpuMs)} | ${formatMs(s.simCpuMs)} | ${s.runsMs.join(', ')} |`;
    L.push(row('(a) `SELECT * FROM Products` (this provider)', scan.a));
    L.push(row('(b) node-bigcommerce 4.1.0, one page at a time', scan.b));
    L.push(row(`(c) bare fetch, same requests, ${c.concurrency} in flight`, scan.c));
    const latencyBound = (Math.ceil((scan.a.requests - 1) / c.concurrency) + 1) * c.latencyMs;
    L.push(
      '',
      `(b)/(a) = **${round(scan.bOverA, 2)}**, (a)/(c) = **${round(scan.aOverC, 2)}**, (b)/(c) = ${round(scan.b.ms / scan.c.ms, 2)}. ` +
        `Latency alone would allow (a) ${formatMs(latencyBound)} (1 + ⌈${scan.a.requests - 1}/${c.concurrency}⌉ round trips of ${c.latencyMs} ms). ` +
        `CPU columns are the client process (this one) and the simulator process during the run.`,
      '',
    );
  }
  for (const sw of [sweep, sweepSlow].filter(Boolean)) {
    const c = sw.config;
    L.push(
      `### MaxConcurrentRequests: ${c.products.toLocaleString('en')} products, ${c.latencyMs} ms latency (median of ${c.repeats})`,
      '',
    );
    L.push(
      '| MaxConcurrentRequests | (a) provider | (c) bare fetch | (a)/(c) | (a) rows/s | (a) client CPU |',
    );
    L.push('| --- | --- | --- | --- | --- | --- |');
    for (const l of sw.levels) {
      const mark = l.concurrency === defaultConcurrency ? ' (default)' : '';
      L.push(
        `| ${l.concurrency}${mark} | ${formatMs(l.a.ms)} | ${formatMs(l.c.ms)} | ${round(l.aOverC, 2)} | ${Math.round(l.a.rowsPerSec).toLocaleString('en')} | ${formatMs(l.a.clientCpuMs)} |`,
      );
    }
    L.push('');
  }
  if (quota) {
    const c = quota.config;
    L.push(`### 2. The same scan with quota ${c.quota}/${c.windowMs / 1000} s`, '');
    L.push(
      '| Time | Quota bound (pages ÷ quota × window) | Time ÷ bound | Requests | 429s from the server | 429s surfaced | Result |',
    );
    L.push('| --- | --- | --- | --- | --- | --- | --- |');
    L.push(
      `| ${formatMs(quota.ms)} | ${quota.pages} ÷ ${c.quota} × ${c.windowMs / 1000} s = ${formatMs(quota.boundMs)} | ${round(quota.overBound, 3)} | ${quota.requests} | ${quota.status429AtServer} | ${quota.status429Surfaced} | ${quota.error ? `${quota.error.code}` : `${quota.rows} rows`} |`,
      '',
    );
  }
  if (point) {
    L.push(
      `### 3. ${point.queries} point queries \`SELECT * FROM Products WHERE Id = ?\` (0 ms latency, no quota)`,
      '',
    );
    L.push(
      '| Query median | Bare fetch of the same URL, median | Overhead median | Overhead p99 | Query p99 | Wrong rows |',
    );
    L.push('| --- | --- | --- | --- | --- | --- |');
    L.push(
      `| ${formatMs(point.queryMedianMs)} | ${formatMs(point.fetchMedianMs)} | ${formatMs(point.overheadMedianMs)} | ${formatMs(point.overheadP99Ms)} | ${formatMs(point.queryP99Ms)} | ${point.wrongRows} |`,
      '',
    );
  }
  if (join) {
    const c = join.config;
    L.push(
      `### 4. Join with aggregation: ${c.customers.toLocaleString('en')} customers × ${c.orders.toLocaleString('en')} orders (${c.latencyMs} ms latency, quota ${c.quota}/${c.windowMs / 1000} s, median of ${c.repeats})`,
      '',
      `\`${join.sql}\``,
      '',
    );
    L.push('| Time | Rows fetched/s | Result rows | Requests | 429s | Runs (ms) |');
    L.push('| --- | --- | --- | --- | --- | --- |');
    L.push(
      `| ${formatMs(join.ms)} | ${Math.round(join.rowsInPerSec).toLocaleString('en')} | ${join.rowsOut} | ${join.requests} | ${join.status429} | ${join.runsMs.join(', ')} |`,
      '',
    );
  }
  if (refresh) {
    L.push(
      `### 5. ${refresh.config.connections} concurrent queries on connections sharing an expired token (memory:// settings store)`,
      '',
    );
    L.push('| Token refreshes | Queries succeeded | Failed | 401s | Time |');
    L.push('| --- | --- | --- | --- | --- |');
    L.push(
      `| ${refresh.refreshGrants} | ${refresh.succeeded} | ${refresh.failed}${refresh.firstFailure ? ` (${refresh.firstFailure})` : ''} | ${refresh.status401} | ${formatMs(refresh.ms)} |`,
      '',
    );
  }
  if (stream) {
    L.push(
      `### 6. \`conn.stream('SELECT * FROM Products')\` over ${stream.config.products.toLocaleString('en')} products (child process, no quota)`,
      '',
    );
    L.push('| Rows | Time | Peak RSS (maxRSS) | RSS after connect | Requests |');
    L.push('| --- | --- | --- | --- | --- |');
    L.push(
      `| ${stream.rows} | ${formatMs(stream.ms)} | ${round(stream.maxRssMB, 0)} MB | ${round(stream.baseRssMB, 0)} MB | ${stream.requests} |`,
      '',
    );
  }
  L.push(...projectionSections(results));
  return L.join('\n');
}

module.exports = { render };
