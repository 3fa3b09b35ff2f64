/**
 * A client CPU profile of one scan, for what limits a goal:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profileScan.js [products] [sql] [latencyMs]
 * The simulator runs in its own process (bench/SimulatorProcess.js), so the profile is the
 * client's alone; print a summary with `node bench/profileSummary.js /tmp/prof/<file>.cpuprofile`.
 */
const { SimulatorProcess } = require('./SimulatorProcess');
const { connectTo } = require('./scenarios');

async function main() {
  const products = Number(process.argv[2] ?? 50_000);
  const sql = process.argv[3] ?? 'SELECT * FROM Products';
  const latencyMs = Number(process.argv[4] ?? 50);
  const sim = new SimulatorProcess();
  try {
    const details = await sim.start({ products, latencyMs, rateLimit: false });
    const conn = await connectTo(details, { MaxConcurrentRequests: 8 });
    const r = await conn.query(sql);
    await conn.close();
    process.stdout.write(`${r.rowCount} rows, ${JSON.stringify(process.cpuUsage())}\n`);
  } finally {
    await sim.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
