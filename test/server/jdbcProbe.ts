/**
 * Runs a Java probe (test/server/jdbc/<Probe>.java) with the PostgreSQL JDBC driver against a
 * `bcsql serve` started for it: compiled into a temp folder while the server starts, run once,
 * its stdout read as `prefix: value` lines.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, startTestServer, type RunResult, type TestServer } from './serverHarness';

const JAR = process.env.PGJDBC_JAR ?? '/usr/share/java/postgresql.jar';
const PASSWORD = 'jdbc-secret';

export interface JdbcRun {
  t: TestServer;
  out: RunResult;
  /** The values of the probe's `prefix: value` lines, in order. */
  lines(prefix: string): string[];
  close(): Promise<void>;
}

export async function runJdbcProbe(probe: string, user: string): Promise<JdbcRun> {
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: install libpostgresql-jdbc-java (see .ci/run) or set PGJDBC_JAR`);
  }
  const classes = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-jdbc-'));
  const [t, javac] = await Promise.all([
    startTestServer({ password: PASSWORD }),
    run('javac', ['-d', classes, path.join(__dirname, 'jdbc', `${probe}.java`)], '', {}, 120_000),
  ]);
  const close = async () => {
    await t.close();
    fs.rmSync(classes, { recursive: true, force: true });
  };
  if (javac.code !== 0) {
    await close();
    throw new Error(`javac failed: ${javac.stderr}`);
  }
  const url = `jdbc:postgresql://127.0.0.1:${t.port}/bigcommerce`;
  const out = await run('java', ['-cp', `${JAR}${path.delimiter}${classes}`, probe, url, user, PASSWORD], '', {}, 120_000); // prettier-ignore
  const lines = (prefix: string) =>
    out.stdout
      .split('\n')
      .filter((l) => l.startsWith(`${prefix}: `))
      .map((l) => l.slice(prefix.length + 2));
  return { t, out, lines, close };
}
