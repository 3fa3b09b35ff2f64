/**
 * Staging files outlive neither their process nor a crash for long: a process that exits with a
 * stream still open removes its staging folder on the way out, and a folder left by a process that
 * was killed (no exit handler ran) is removed by the next process that stages to disk. Each case
 * runs the built provider in a child process whose TMPDIR is a folder of the test's own.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { ensureBuilt, ROOT } from '../cli/cliHarness';
import { simSetup, type SimSetup } from '../integration/simConnection';

/** Opens a disk-staged stream, reads one row, reports its staging folders, then exits or waits to be killed. */
const CHILD = `
const fs = require('node:fs');
const { connect } = require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});
(async () => {
  const conn = await connect(process.env.BCSQL_TEST_CONN + ';StagingRowThreshold=5');
  const stream = conn.stream('SELECT Id FROM Products ORDER BY Id');
  const first = await stream.next();
  const dirs = fs.readdirSync(process.env.TMPDIR).filter((n) => n.startsWith('bcsql-stage-'));
  process.stdout.write(JSON.stringify({ pid: process.pid, first: first.value, dirs }) + '\\n');
  if (process.argv[1] === 'exit') process.exit(0);
  setInterval(() => undefined, 1000);
})().catch((err) => { process.stderr.write(String(err && err.stack)); process.exit(3); });
`;

interface ChildReport {
  pid: number;
  first: unknown;
  dirs: string[];
}

let t: SimSetup;
let tmp: string;
beforeAll(async () => {
  await ensureBuilt();
  t = await simSetup({ products: 20, customers: 1, orders: 1 });
}, 240_000);
afterAll(() => t.close());
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-staging-exit-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the child; `end` says whether it exits by itself or is killed with SIGKILL once it reported. */
function runChild(
  end: 'exit' | 'kill',
): Promise<{ report: ChildReport; code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, end], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TMPDIR: tmp, BCSQL_TEST_CONN: simulatorConnectionString(t.sim) },
    });
    let out = '';
    let err = '';
    let report: ChildReport | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!report && out.includes('\n')) {
        report = JSON.parse(out.split('\n')[0]) as ChildReport;
        if (end === 'kill') child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!report) reject(new Error(`child reported nothing (code ${code}): ${err}`));
      else resolve({ report, code, signal });
    });
  });
}

const stagingDirs = () => fs.readdirSync(tmp).filter((n) => n.startsWith('bcsql-stage-'));

it('removes the staging folder of a stream left open when the process exits', async () => {
  const { report, code } = await runChild('exit');
  expect(code).toBe(0);
  expect(report.first).toEqual({ Id: 1 });
  expect(report.dirs).toHaveLength(1);
  expect(report.dirs[0]).toMatch(new RegExp(`^bcsql-stage-${report.pid}-`));
  expect(stagingDirs()).toEqual([]);
}, 60_000);

it("removes a killed process's staging folder the next time a process stages to disk", async () => {
  const killed = await runChild('kill');
  expect(killed.signal).toBe('SIGKILL');
  expect(killed.report.dirs).toHaveLength(1);
  const left = killed.report.dirs[0];
  expect(fs.existsSync(path.join(tmp, left, 'stage.sqlite'))).toBe(true);
  // A folder of a process still running (this one) is someone's live data: it stays.
  const alive = `bcsql-stage-${process.pid}-keep`;
  fs.mkdirSync(path.join(tmp, alive));

  const next = await runChild('exit');
  expect(next.report.dirs).not.toContain(left);
  expect(next.report.dirs).toContain(alive);
  expect(stagingDirs()).toEqual([alive]);
}, 60_000);
