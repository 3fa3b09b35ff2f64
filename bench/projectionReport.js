/** The projection scenarios' goal rows and tables for report.js. */
const { formatMs, round } = require('./stats');

const yes = (ok) => (ok ? 'met' : '**not met**');
const perRow = (s, key) => s[key] / Math.max(1, s.rows);
const us = (ms) => `${round(ms * 1000, 1)} µs`;

function projectionGoals({ projection, slowPages }) {
  const L = [];
  if (projection) {
    L.push(
      `| Narrow scan: bytes per row ÷ SELECT *'s | ≤ 0.10 | ${round(projection.bytesRatio, 3)} | ${yes(projection.bytesRatio <= 0.1)} |`,
      `| Narrow scan: client CPU per row ÷ its floor | ≤ 1.3 | ${round(projection.narrowCpuOverFloor, 2)} | ${yes(projection.narrowCpuOverFloor <= 1.3)} |`,
      `| SELECT *: client CPU per row ÷ its floor | ≤ 1.6 | ${round(projection.starCpuOverFloor, 2)} | ${yes(projection.starCpuOverFloor <= 1.6)} |`,
    );
  }
  if (slowPages) {
    L.push(
      `| 500 ms pages: node-bigcommerce ÷ provider SELECT * | ≥ 7 | ${round(slowPages.nbOverStar, 2)} | ${yes(slowPages.nbOverStar >= 7)} |`,
      `| 500 ms pages: narrow time ÷ SELECT * time | < 1 | ${round(slowPages.narrowOverStar, 3)} | ${yes(slowPages.narrowOverStar < 1)} |`,
    );
  }
  return L;
}

function projectionSections({ projection, slowPages }) {
  const L = [];
  const head = '| Variant | Time | Rows | Requests | Bytes per row | Client CPU | CPU per row | Runs (ms) |';
  const row = (label, s) =>
    `| ${label} | ${formatMs(s.ms)} | ${s.rows} | ${s.requests} | ${Math.round(perRow(s, 'bytes')).toLocaleString('en')} | ${formatMs(s.clientCpuMs)} | ${us(perRow(s, 'clientCpuMs'))} | ${s.runsMs.join(', ')} |`;
  if (projection) {
    const c = projection.config;
    L.push(
      `### 7. Projection: ${c.products.toLocaleString('en')} products (${c.latencyMs} ms latency, quota ${c.quota}/${c.windowMs / 1000} s, MaxConcurrentRequests=${c.concurrency}, median of ${c.repeats})`,
      '',
      head,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      row('`SELECT Id, Name, Price FROM Products`', projection.narrow),
      row('floor: bare fetch of the same pages with `include_fields=id,name,price`', projection.narrowFloor),
      row('`SELECT * FROM Products`', projection.star),
      row('floor: bare fetch of the same pages, every field', projection.starFloor),
      '',
      `Bytes per row narrow ÷ SELECT * = **${round(projection.bytesRatio, 3)}**; client CPU per row ÷ floor: narrow **${round(projection.narrowCpuOverFloor, 2)}**, SELECT * **${round(projection.starCpuOverFloor, 2)}**.`,
      '',
    );
  }
  if (slowPages) {
    const c = slowPages.config;
    L.push(
      `### 8. Pages at ${c.latencyMs} ms: ${c.products.toLocaleString('en')} products (MaxConcurrentRequests=${c.concurrency}, median of ${c.repeats})`,
      '',
      head,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      row('`SELECT Id, Name, Price FROM Products`', slowPages.narrow),
      row('`SELECT * FROM Products`', slowPages.star),
      row('node-bigcommerce 4.1.0, one page at a time', slowPages.nodeBigcommerce),
      '',
      `node-bigcommerce ÷ provider: SELECT * **${round(slowPages.nbOverStar, 2)}**, narrow ${round(slowPages.nbOverNarrow, 2)}; narrow ÷ SELECT * = **${round(slowPages.narrowOverStar, 3)}**.`,
      '',
    );
  }
  return L;
}

module.exports = { projectionGoals, projectionSections };
