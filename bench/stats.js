/** Small numeric helpers for the benchmark. */

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const median = (values) => quantile(values, 0.5);

function round(n, digits = 2) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** "12.3 s" / "850 ms" / "0.42 ms" */
function formatMs(ms) {
  if (ms >= 10_000) return `${round(ms / 1000, 1)} s`;
  if (ms >= 1000) return `${round(ms / 1000, 2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${round(ms, 2)} ms`;
}

module.exports = { quantile, median, round, formatMs };
