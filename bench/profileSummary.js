/**
 * Self time per function (and per category) of a .cpuprofile written by `node --cpu-prof`:
 *   node bench/profileSummary.js <file.cpuprofile> [top]
 */
const fs = require('node:fs');
const path = require('node:path');

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const top = Number(topArg ?? 25);
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const byFn = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = dt.get(node.id) ?? 0;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  byFn.set(key, (byFn.get(key) ?? 0) + us);
}
const idle = byFn.get('(idle)') ?? 0;
const busy = total - idle;
const rows = [...byFn].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\n`);
for (const [k, us] of rows.slice(0, top)) {
  process.stdout.write(
    `${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}\n`,
  );
}
