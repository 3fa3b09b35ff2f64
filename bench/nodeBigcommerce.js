/**
 * Comparison (b): the npm package node-bigcommerce paging the way its users do, one page after the
 * other. It hard-codes https://api.bigcommerce.com:443 and has no host option, but it passes its
 * `agent` option to https.request; an agent that says it speaks https: and opens a plain TCP
 * connection to the simulator instead redirects it without touching the package. Its request path,
 * headers and response handling are unchanged. keepAlive matches Node 20's default global agent.
 */
/* global URL */
const http = require('node:http');
const net = require('node:net');
const BigCommerce = require('node-bigcommerce');

class RedirectAgent extends http.Agent {
  constructor(target) {
    super({ keepAlive: true });
    this.protocol = 'https:';
    this.target = target;
  }

  createConnection() {
    return net.createConnection({ host: this.target.hostname, port: Number(this.target.port) });
  }
}

/** All products, page by page, with node-bigcommerce; returns the row count. */
async function scanWithNodeBigcommerce(details, pageSize = 250) {
  const agent = new RedirectAgent(new URL(details.apiBaseUrl));
  const bc = new BigCommerce({
    clientId: details.clientId,
    accessToken: details.accessToken,
    storeHash: details.storeHash,
    responseType: 'json',
    apiVersion: 'v3',
    agent,
  });
  let rows = 0;
  const records = [];
  try {
    for (let page = 1, pages = 1; page <= pages; page++) {
      const res = await bc.get(`/catalog/products?page=${page}&limit=${pageSize}`);
      for (const r of res.data) records.push(r);
      rows += res.data.length;
      pages = res.meta.pagination.total_pages;
    }
  } finally {
    agent.destroy();
  }
  return rows;
}

module.exports = { scanWithNodeBigcommerce };
