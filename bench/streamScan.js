/**
 * Scenario 6, run in a child process of its own so its peak RSS is the stream's alone:
 * `node bench/streamScan.js '<json>'` reads every product through conn.stream() and prints
 * { rows, ms, maxRssMB } as JSON. The JSON argument holds the simulator details and extra
 * connection properties.
 */
/* global performance */
const { connect } = require('../dist');

async function main() {
  const { details, props, sql } = JSON.parse(process.argv[2]);
  const conn = await connect({
    AuthScheme: 'PersonalAccessToken',
    StoreId: details.storeHash,
    OAuthAccessToken: details.accessToken,
    ApiBaseURL: details.apiBaseUrl,
    ...props,
  });
  const baseRssMB = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now();
  let rows = 0;
  let lastId = 0;
  let ordered = true;
  for await (const row of conn.stream(sql)) {
    rows++;
    if (row.Id <= lastId) ordered = false;
    lastId = row.Id;
  }
  const ms = performance.now() - t0;
  await conn.close();
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ rows, ms, maxRssMB, baseRssMB, ordered })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err && err.code ? `${err.code}: ` : ''}${err && err.message}\n`);
  process.exit(1);
});
