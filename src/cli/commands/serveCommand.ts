/**
 * `bcsql serve [CONNECTION] --listen 127.0.0.1:5433 [--demo] [--password …]`: the store as a
 * PostgreSQL database for BI tools (psql, DBeaver, Metabase, Tableau, Grafana …). One line on
 * stdout, the postgresql:// URL to connect to (so scripts can read it); what a person needs to
 * know goes to stderr. Runs until SIGINT or SIGTERM.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Connection } from '../../connection/Connection';
import type { Simulator } from '../../simulator';
import type { AuthMethod } from '../../server/protocol/passwordAuth';

export const PASSWORD_ENV = 'BCSQL_SERVE_PASSWORD';
const CONNECTION_ENV = 'BIGCOMMERCE_CONNECTION';

export interface ServeCommandOptions {
  listen: { host: string; port: number };
  connection?: string;
  demo?: boolean;
  password?: string;
  authMethod: AuthMethod;
  cache: boolean;
  quiet?: boolean;
  /** Run INSERT, UPDATE, DELETE and UPSERT of BigCommerce tables. */
  readWrite?: boolean;
}

export interface ServeIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** `host:port`, `[::1]:port`, `:port` or `port`. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:(?:\[([^\]]+)\]|([^:[\]]*)):)?(\d+)$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port > 65535) {
    throw new InvalidArgumentError('expected host:port, e.g. 127.0.0.1:5433 (port 0 picks a free one).');
  }
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Serve the store as a read-only PostgreSQL database, for BI tools and psql.\n' +
        'Prints the postgresql:// URL to connect to on stdout. Runs until stopped (Ctrl-C).',
    )
    .argument(
      '[connection]',
      'connection string, e.g. "AuthScheme=OAuth;StoreId=abc123;OAuthAccessToken=..."',
    )
    .option('-c, --connection <string>', `connection string (also read from ${CONNECTION_ENV})`)
    .addOption(
      new Option('--listen <host:port>', 'address to listen on; anything but loopback needs a password')
        .argParser(parseListen)
        .default({ host: '127.0.0.1', port: 5433 }, '127.0.0.1:5433'),
    )
    .option('--demo', 'serve the built-in demo store (the simulator), no account needed')
    .option('--password <password>', `password clients must give (prefer the ${PASSWORD_ENV} variable)`)
    .addOption(
      new Option('--auth-method <method>', 'how the password is checked')
        .choices(['scram-sha-256', 'md5'])
        .default('scram-sha-256'),
    )
    .option('--no-cache', 'rebuild the catalog engine on start instead of using the cached copy')
    .option('--read-write', 'also run INSERT, UPDATE, DELETE and UPSERT of BigCommerce tables')
    .option('-q, --quiet', 'print only the URL')
    .action(async (connection: string | undefined, _opts: ServeCommandOptions, cmd: Command) => {
      // bcsql's own --demo, --connection and --quiet claim those flags, even after "serve".
      const opts = cmd.optsWithGlobals<ServeCommandOptions>();
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      // Kept (not `once`) until shut down: signal-exit, loaded by a dependency, re-raises a
      // signal it finds no other listener for, which would kill the process mid-close.
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await runServe(connection, opts, { stdout: process.stdout, stderr: process.stderr, env: process.env }, stop.signal); // prettier-ignore
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** Starts the endpoint, reports where it listens, and serves until `signal` aborts. */
export async function runServe(
  connectionArg: string | undefined,
  opts: ServeCommandOptions,
  io: ServeIo,
  signal: AbortSignal,
): Promise<void> {
  const given = connectionArg ?? opts.connection;
  if (opts.demo && given !== undefined) {
    throw new Error('--demo serves the built-in demo store; leave out the connection string');
  }
  const password = opts.password ?? (io.env[PASSWORD_ENV] || undefined);
  const [{ connect }, { startServer, requirePasswordOffLoopback }, { resolveOptions }, { secretValues }] =
    await Promise.all([
      import('../../replica/connect'),
      import('../../server/PgServer'),
      import('../../options/resolveOptions'),
      import('../../options/properties'),
    ]);
  // Before anything starts: no simulator or connection for a server that will not run.
  requirePasswordOffLoopback(opts.listen.host, password);
  let sim: Simulator | undefined;
  let conn: Connection | undefined;
  try {
    let input = given ?? io.env[CONNECTION_ENV] ?? '';
    if (opts.demo) {
      const [{ startSimulator }, { simulatorConnectionString }] = await Promise.all([
        import('../../simulator'),
        import('../simulatorConnection'),
      ]);
      sim = await startSimulator();
      input = simulatorConnectionString(sim);
    }
    conn = await connect(input);
    const resolved = resolveOptions(input, io.env);
    const server = await startServer({
      connection: conn,
      host: opts.listen.host,
      port: opts.listen.port,
      password,
      authMethod: opts.authMethod,
      cacheDir: opts.cache ? undefined : null,
      secrets: secretValues(resolved),
      replica: !!(resolved.CacheLocation || resolved.CacheConnection),
      readWrite: opts.readWrite === true,
      log: (line) => {
        if (!opts.quiet) io.stderr.write(`bcsql serve: ${line}\n`);
      },
    });
    // A wildcard address is reachable locally as loopback; other machines use this host's name.
    const local = server.host === '0.0.0.0' ? '127.0.0.1' : server.host === '::' ? '::1' : server.host;
    const host = local.includes(':') ? `[${local}]` : local;
    if (!opts.quiet) {
      io.stderr.write(
        [
          `Serving ${opts.demo ? `the demo store (${sim!.storeHash})` : 'the store'} as a ${opts.readWrite ? 'read-write' : 'read-only'} PostgreSQL database on ${server.host}:${server.port}.`,
          `  database: bigcommerce   user: any${password ? '   password: required' : '   password: none (loopback only)'}`,
          `  psql "host=${local} port=${server.port} dbname=bigcommerce user=bcsql"`,
          `  JDBC (DBeaver, Metabase): jdbc:postgresql://${host}:${server.port}/bigcommerce`,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
    }
    // Last, so that a script reading the URL knows everything above is already said.
    io.stdout.write(`postgresql://bcsql@${host}:${server.port}/bigcommerce\n`);
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    if (!opts.quiet) io.stderr.write('bcsql serve: stopped.\n');
  } finally {
    await conn?.close();
    await sim?.close();
  }
}
