/**
 * `bcsql [CONNECTION]`: connect (or start the demo store), then run -e, piped SQL, or the
 * interactive shell. Returns the exit code. The provider is loaded here, not at startup, so
 * `bcsql --help` is instant; on a terminal the prompt appears while the provider loads and
 * connects, and the first statement waits for the connection.
 */
import * as readline from 'node:readline';
import type { Connection } from '../../connection/Connection';
import type { PropertyDescription } from '../../options/properties';
import type { Simulator } from '../../simulator';
import { endOnSignals } from '../signals';
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

/** A connection's resolved properties for \conn: the connection keeps its own private, so resolve the same input again. */
async function describeInput(input: string): Promise<PropertyDescription[]> {
  const [{ resolveOptions }, { describeOptions }] = await Promise.all([
    import('../../options/resolveOptions'),
    import('../../options/properties'),
  ]);
  return describeOptions(resolveOptions(input, process.env));
}

async function openConnection(input: string): Promise<Connection> {
  // Yield first, so a prompt already drawn is on screen while the provider's modules load.
  await new Promise((resolve) => setImmediate(resolve));
  const { connect } = await import('../../replica/connect');
  return connect(input);
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
  let connecting: Promise<Connection> | undefined;
  let connectSettled = false;
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
    connecting = openConnection(input);
    // Handled where it is awaited; this only keeps an early failure from counting as unhandled.
    connecting.then(
      () => (connectSettled = true),
      () => (connectSettled = true),
    );
    // Without a terminal there is no prompt to show early: a bad connection fails before anything runs.
    if (!interactive) await connecting;

    const io: SessionIo = {
      stdout: process.stdout,
      stderr: process.stderr,
      columns: () => (process.stdout.isTTY ? process.stdout.columns : undefined),
      color: usesColor(),
      progress: process.stderr.isTTY === true && !opts.quiet,
    };
    const { Session } = await import('../Session');
    const session = new Session(connecting, io, { format: opts.format, timing: false, verbose }, () =>
      describeInput(input),
    );
    if (interactive) {
      const { runInteractive } = await import('../interactive');
      return await runInteractive(session, {
        input: process.stdin,
        output: process.stdout,
        verbose,
        ready: connecting,
        onNotReady: (err) => process.stderr.write(formatError(err, verbose)),
      });
    }
    // Nothing to save without a terminal: a signal ends the process at once.
    endOnSignals();
    const { runLines } = await import('../runLines');
    if (opts.execute !== undefined) return await runLines(session, opts.execute.split(/\r?\n/));
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
    try {
      return await runLines(session, rl);
    } finally {
      rl.close();
    }
  } catch (err) {
    return fail(err);
  } finally {
    // \q or Ctrl-D while the provider is still connecting (a slow or unreachable store) must not
    // wait for the connect to finish or time out: there is nothing to close yet, and bcsql.ts
    // ends the process once this returns.
    if (connectSettled) {
      await connecting?.then(
        (conn) => conn.close(),
        () => undefined,
      );
    }
    await sim?.close();
  }
}

/** A connection can come from BIGCOMMERCE_<PROPERTY> variables alone. */
function hasPropertyEnv(): boolean {
  return Object.keys(process.env).some((k) => k.startsWith('BIGCOMMERCE_') && k !== CONNECTION_ENV);
}
