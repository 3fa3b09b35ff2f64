/**
 * Projection scenarios: what asking only for the columns a statement reads saves.
 * - `projection`: SELECT Id, Name, Price against SELECT * over the same store, each beside the
 *   bare fetch-and-parse floor of the very requests it sends (include_fields or not): response
 *   bytes per row, and client CPU per row against that floor.
 * - `slowPages`: the latency real stores show for a full 250-product page (500 ms): the provider
 *   at MaxConcurrentRequests=8 against node-bigcommerce's one page at a time, and the provider's
 *   narrow statement against its own SELECT *.
 */
const { scanWithNodeBigcommerce } = require('./nodeBigcommerce');
const { scanWithFetch } = require('./bareFetch');
const { connectTo, summarise, timed } = require('./scenarios');

const NARROW = 'SELECT Id, Name, Price FROM Products';
const STAR = 'SELECT * FROM Products';

const query = (sql, concurrency) => async (details) => {
  const conn = await connectTo(details, { MaxConcurrentRequests: concurrency });
  try {
    const r = await conn.query(sql);
    return { rows: r.rowCount };
  } finally {
    await conn.close();
  }
};

const floor = (concurrency, extra) => async (details) => scanWithFetch(details, concurrency, 250, extra);

/** Runs the variants interleaved, repeat by repeat, after one untimed warm-up each. */
async function interleaved(sim, simOpts, variants, repeats) {
  for (const fn of Object.values(variants)) await timed(sim, simOpts, fn);
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < repeats; i++) {
    for (const [k, fn] of Object.entries(variants)) runs[k].push(await timed(sim, simOpts, fn));
  }
  return Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, summarise(r)]));
}

const perRow = (s, key) => s[key] / Math.max(1, s.rows);

/** The narrow and the star statement, plus `extra` variants, over one simulated store. */
function productsScan(sim, cfg, extra) {
  const simOpts = {
    products: cfg.products,
    latencyMs: cfg.latencyMs,
    rateLimit: { quota: cfg.quota, windowMs: cfg.windowMs },
  };
  const variants = { narrow: query(NARROW, cfg.concurrency), star: query(STAR, cfg.concurrency), ...extra };
  return interleaved(sim, simOpts, variants, cfg.repeats);
}

async function projectionScan(sim, cfg) {
  const r = await productsScan(sim, cfg, {
    narrowFloor: floor(cfg.concurrency, '&include_fields=id,name,price'),
    starFloor: floor(cfg.concurrency, ''),
  });
  return {
    config: cfg,
    ...r,
    bytesRatio: perRow(r.narrow, 'bytes') / perRow(r.star, 'bytes'),
    narrowCpuOverFloor: perRow(r.narrow, 'clientCpuMs') / perRow(r.narrowFloor, 'clientCpuMs'),
    starCpuOverFloor: perRow(r.star, 'clientCpuMs') / perRow(r.starFloor, 'clientCpuMs'),
  };
}

async function slowPages(sim, cfg) {
  const r = await productsScan(sim, cfg, {
    nodeBigcommerce: async (details) => ({ rows: await scanWithNodeBigcommerce(details) }),
  });
  return {
    config: cfg,
    ...r,
    nbOverStar: r.nodeBigcommerce.ms / r.star.ms,
    nbOverNarrow: r.nodeBigcommerce.ms / r.narrow.ms,
    narrowOverStar: r.narrow.ms / r.star.ms,
  };
}

module.exports = { projectionScan, slowPages };
