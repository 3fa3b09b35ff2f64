/**
 * Comparison (c), the floor: the same page requests the provider sends (page 1 first for
 * total_pages, then the rest with `concurrency` in flight), with Node's built-in fetch, each body
 * parsed as JSON and its records counted. No pacing, staging or SQL: the least any client must do.
 */
/* global fetch, performance */

async function scanWithFetch(details, concurrency, pageSize = 250, extraQuery = '') {
  const base = `${details.apiBaseUrl}/stores/${details.storeHash}/v3/catalog/products`;
  const headers = { 'X-Auth-Token': details.accessToken, Accept: 'application/json' };
  const statuses = {};
  const getPage = async (page) => {
    const res = await fetch(`${base}?page=${page}&limit=${pageSize}${extraQuery}`, { headers });
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status !== 200) throw new Error(`page ${page}: HTTP ${res.status}`);
    return res.json();
  };
  const first = await getPage(1);
  let rows = first.data.length;
  const pages = first.meta.pagination.total_pages;
  let next = 2;
  const worker = async () => {
    while (next <= pages) {
      const body = await getPage(next++);
      rows += body.data.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rows, statuses };
}

/** Milliseconds of one GET of `url` (body read and parsed), for the point-query round trip. */
async function timeOneGet(url, token) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { 'X-Auth-Token': token, Accept: 'application/json' } });
  await res.json();
  return performance.now() - t0;
}

module.exports = { scanWithFetch, timeOneGet };
