/**
 * SUM and AVG of decimal columns, exact to the column's scale. Staged decimals are REAL, and a
 * float sum of money drifts (6193.5199999999995); these aggregates add each value as a scaled
 * integer (its shortest decimal spelling, so 0.1 is exactly one tenth) and answer the nearest
 * double to the exact decimal total. typeComparisons.ts rewrites SUM(col)/AVG(col)/TOTAL(col)
 * of a decimal column to them; measured in bench/moneySum.js.
 */
import type Database from 'better-sqlite3';

interface DecimalTotal {
  /** Sum of the values × 10^scale: a safe integer while it fits, else a bigint. */
  units: number | bigint;
  scale: number;
  count: number;
}

// Beyond this many decimals a double has no exact decimal meaning worth keeping.
const MAX_SCALE = 12;
const MONEY_SCALE = 4;
const POWERS = Array.from({ length: MAX_SCALE + 1 }, (_, i) => 10 ** i);

export function registerDecimalAggregates(db: Database.Database): void {
  const start = (): DecimalTotal => ({ units: 0, scale: 0, count: 0 });
  const common = {
    start,
    step: (t: DecimalTotal, v: unknown) => add(t, v, 1),
    // Window frames (SUM(x) OVER …) take values out again.
    inverse: (t: DecimalTotal, v: unknown) => add(t, v, -1),
  };
  db.aggregate('bcsql_decimal_sum', {
    ...common,
    result: (t: DecimalTotal) => (t.count === 0 ? null : toNumber(t.units, t.scale)),
  });
  db.aggregate('bcsql_decimal_total', { ...common, result: (t: DecimalTotal) => toNumber(t.units, t.scale) });
  db.aggregate('bcsql_decimal_avg', {
    ...common,
    result: (t: DecimalTotal) => (t.count === 0 ? null : average(t)),
  });
}

function add(t: DecimalTotal, v: unknown, sign: 1 | -1): DecimalTotal {
  if (v === null || v === undefined) return t;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return t;
  const scale = scaleOf(n);
  if (scale > t.scale) {
    t.units = times(t.units, scale - t.scale);
    t.scale = scale;
  }
  const units = sign * Math.round(n * POWERS[t.scale]);
  const sum = typeof t.units === 'number' && Number.isSafeInteger(units) ? t.units + units : NaN;
  t.units = Number.isSafeInteger(sum)
    ? sum
    : BigInt(t.units) + (sign * n < 0 ? -1n : 1n) * scaledBig(Math.abs(n), t.scale);
  t.count += sign;
  return t;
}

/** The fewest decimals that spell `n` exactly (0.1 → 1, 6193.52 → 2), at most MAX_SCALE. */
function scaleOf(n: number): number {
  for (let s = 0; s < MAX_SCALE; s++) if (Math.round(n * POWERS[s]) / POWERS[s] === n) return s;
  return MAX_SCALE;
}

function times(units: number | bigint, digits: number): number | bigint {
  if (typeof units === 'number') {
    const r = units * POWERS[digits];
    if (Number.isSafeInteger(r)) return r;
    return BigInt(units) * 10n ** BigInt(digits);
  }
  return units * 10n ** BigInt(digits);
}

/** |n| × 10^scale as a bigint, from n's decimal spelling (too large for a safe integer). */
function scaledBig(n: number, scale: number): bigint {
  const [whole, frac = ''] = n.toFixed(scale).split('.');
  return BigInt(whole + frac);
}

function toNumber(units: number | bigint, scale: number): number {
  if (scale === 0) return Number(units);
  if (typeof units === 'number') return units / POWERS[scale];
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return Number(negative ? `-${text}` : text);
}

/**
 * The average rounded half away from zero to the values' scale, at least BigCommerce's money
 * scale of 4 (v2 sends '10.5000'), so whole-number values still average to 1.5.
 */
function average(t: DecimalTotal): number {
  const scale = Math.max(t.scale, MONEY_SCALE);
  const units = BigInt(t.units) * 10n ** BigInt(scale - t.scale);
  const count = BigInt(t.count);
  const twice = (units * 2n) / count;
  const rounded = twice >= 0n ? (twice + 1n) / 2n : (twice - 1n) / 2n;
  return toNumber(rounded, scale);
}
