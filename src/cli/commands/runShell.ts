/**
 * `bcsql [CONNECTION]`: connect (or start the demo store), then run -e, piped SQL, or the
 * interactive shell. Returns the exit code. The provider itself is loaded here, not at startup, so
 * `bcsql --help` stays instant.
 */
import * as readline from 'node:readline';
import type { Connection } from '../../connection/Connection';
import type { Simulator } from '../../simulator';
import { formatError } from '../formatError';
import type { OutputFormat } from '../format/renderResult';
import type { SessionIo } from '../Session';

export interface ShellOptions {
  connection?: string;
  execute?: string;
  format: OutputFormat;
  quiet?: boolean;
  verbose?: boolean;
  demo?: boolean;
}

export const CONNECTION_ENV = 'BIGCOMMERCE_CONNECTION';

function usesColor(): boolean {
  const noColor = process.env.NO_COLOR;
  return process.stdout.isTTY === true && (noColor === undefined || noColor === '');
}

export async function runShell(connectionArg: string | undefined, opts: ShellOptions): Promise<number> {
  const verbose = opts.verbose === true;
  const fail = (err: unknown) => {
    process.stderr.write(formatError(err, verbose));
    return 1;
  };
  const given = connectionArg ?? opts.connection;
  if (opts.demo && given !== undefined) {
    return fail(new Error('--demo connects to the built-in demo store; leave out the connection string'));
  }
  const interactive = opts.execute === undefined && process.stdin.isTTY === true;

  let sim: Simulator | undefined;
  let conn: Connection | undefined;
  try {
    let input = given ?? process.env[CONNECTION_ENV] ?? '';
    if (opts.demo) {
      const { startDemo } = await import('../demo');
      const demo = await startDemo();
      sim = demo.sim;
      input = demo.connectionString;
      if (!opts.quiet) process.stderr.write(`${demo.banner}\n`);
    } else if (input === '' && interactive && !opts.quiet && !hasPropertyEnv()) {
      process.stderr.write(
        `No connection string given (argument, --connection or ${CONNECTION_ENV}): \\tables and \\d work, ` +
          'queries need a store. Try bcsql --demo for the built-in demo store.\n',
      );
    }
    const [{ connect }, { resolveOptions }, { describeOptions }, { Session }] = await Promise.all([
      import('../../connection/Connection'),
      import('../../connection/resolveOptions'),
      import('../../connection/properties'),
      import('../Session'),
    ]);
    conn = await connect(input);
    // The connection keeps its options private; resolving the same input again gives \conn the same values.
    const options = resolveOptions(input, process.env);
    const io: SessionIo = {
      stdout: process.stdout,
      stderr: process.stderr,
      columns: () => (process.stdout.isTTY ? process.stdout.columns : undefined),
      color: usesColor(),
      progress: process.stderr.isTTY === true && !opts.quiet,
    };
    const session = new Session(conn, io, { format: opts.format, timing: false, verbose }, () =>
      describeOptions(options),
    );
    const { runLines } = await import('../runLines');
    if (opts.execute !== undefined) return await runLines(session, opts.execute.split(/\r?\n/));
    if (!interactive) {
      const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
      try {
        return await runLines(session, rl);
      } finally {
        rl.close();
      }
    }
    const { runInteractive } = await import('../interactive');
    return await runInteractive(session, { input: process.stdin, output: process.stdout, verbose });
  } catch (err) {
    return fail(err);
  } finally {
    await conn?.close();
    await sim?.close();
  }
}

/** A connection can come from BIGCOMMERCE_<PROPERTY> variables alone. */
function hasPropertyEnv(): boolean {
  return Object.keys(process.env).some((k) => k.startsWith('BIGCOMMERCE_') && k !== CONNECTION_ENV);
}
