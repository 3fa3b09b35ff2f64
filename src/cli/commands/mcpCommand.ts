/**
 * `bcsql mcp [CONNECTION] [--demo] [--read-write] [--http 127.0.0.1:PORT] [--token …] [--budget N]`:
 * the store as Model Context Protocol tools for AI assistants (Claude Desktop, VS Code, Cursor).
 * stdio by default (what desktop assistants launch: stdout carries only the protocol, log lines go
 * to stderr); with --http, streamable HTTP, whose URL is the one line on stdout.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Connection } from '../../connection/Connection';
import type { Simulator } from '../../simulator';

export const MCP_TOKEN_ENV = 'BCSQL_MCP_TOKEN';
const CONNECTION_ENV = 'BIGCOMMERCE_CONNECTION';

export interface McpCommandOptions {
  connection?: string;
  demo?: boolean;
  readWrite?: boolean;
  http?: string;
  token?: string;
  budget: number;
  demoLatency?: number;
  quiet?: boolean;
}

function positiveInt(what: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${what} must be a whole number of at least ${min}.`);
    }
    return n;
  };
}

export function mcpCommand(): Command {
  return new Command('mcp')
    .description(
      'Serve the store to AI assistants over the Model Context Protocol: stdio by default (as Claude ' +
        'Desktop, VS Code and Cursor launch it), --http for streamable HTTP. Read-only unless --read-write.',
    )
    .argument(
      '[connection]',
      'connection string, e.g. "AuthScheme=OAuth;StoreId=abc123;OAuthAccessToken=..."',
    )
    .option('-c, --connection <string>', `connection string (also read from ${CONNECTION_ENV})`)
    .option('--demo', 'serve the built-in demo store (the simulator), no account needed')
    .option('--read-write', 'let statements that change the store through (refused otherwise)')
    .option(
      '--http <host:port>',
      'serve streamable HTTP at http://HOST:PORT/mcp instead of stdio (port 0 picks one)',
    )
    .option(
      '--token <token>',
      `bearer token HTTP clients must send (prefer the ${MCP_TOKEN_ENV} variable); required off loopback`,
    )
    .addOption(
      new Option(
        '--budget <requests>',
        'most API requests one tool call may spend; costlier queries are refused',
      )
        .argParser(positiveInt('--budget', 1))
        .default(500),
    )
    .addOption(
      new Option(
        '--demo-latency <ms>',
        'with --demo: delay each simulated API request (to try progress and cancellation)',
      ).argParser(positiveInt('--demo-latency', 0)),
    )
    .addHelpText(
      'after',
      `
Tools: list_tables, describe_table, run_query, explain_query, call_procedure; resources bigcommerce://tables/<Name>.

Claude Desktop (claude_desktop_config.json), Cursor (~/.cursor/mcp.json); VS Code (.vscode/mcp.json) uses "servers":
  { "mcpServers": { "bigcommerce": { "command": "node", "args": ["/path/to/bigcommerce-sql/dist/cli/bcsql.js", "mcp", "--demo"] } } }
Against a real store put the connection string in the "env" block as ${CONNECTION_ENV}.`,
    )
    .action(async (connection: string | undefined, _opts: McpCommandOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<McpCommandOptions>();
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await runMcp(connection, opts, stop.signal);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

export async function runMcp(
  connectionArg: string | undefined,
  opts: McpCommandOptions,
  signal: AbortSignal,
): Promise<void> {
  const given = connectionArg ?? opts.connection;
  if (opts.demo && given !== undefined)
    throw new Error('--demo serves the built-in demo store; leave out the connection string');
  if (opts.demoLatency !== undefined && !opts.demo)
    throw new Error('--demo-latency applies only with --demo');
  const token = opts.token ?? (process.env[MCP_TOKEN_ENV] || undefined);
  const [{ connect }, { resolveOptions }, { secretValues }, { loadCatalog }, { Secrets }, http] =
    await Promise.all([
      import('../../connection/Connection'),
      import('../../options/resolveOptions'),
      import('../../options/properties'),
      import('../../catalog/loadCatalog'),
      import('../../mcp/Secrets'),
      import('../../mcp/serveHttp'),
    ]);
  const listen = opts.http === undefined ? undefined : http.parseListen(opts.http);
  // Before anything starts: no simulator or connection for a server that will not run.
  if (listen) http.requireTokenOffLoopback(listen.host, listen.port, token);
  let sim: Simulator | undefined;
  let conn: Connection | undefined;
  try {
    let input = given ?? process.env[CONNECTION_ENV] ?? '';
    if (opts.demo) {
      const [{ startSimulator }, { simulatorConnectionString }] = await Promise.all([
        import('../../simulator'),
        import('../simulatorConnection'),
      ]);
      sim = await startSimulator({ latencyMs: opts.demoLatency });
      input = simulatorConnectionString(sim);
    }
    const secrets = new Secrets([...secretValues(resolveOptions(input, process.env)), token]);
    const log = (line: string): void => {
      if (!opts.quiet) process.stderr.write(`bcsql mcp: ${secrets.redact(line)}\n`);
    };
    conn = await connect(input);
    const ctx = {
      conn,
      catalog: loadCatalog(),
      settings: { readWrite: opts.readWrite === true, budget: opts.budget },
      secrets,
      log,
    };
    const mode = `${opts.demo ? `the demo store (${sim!.storeHash})` : 'the store'}, ${ctx.settings.readWrite ? 'read-write' : 'read-only'}, request budget ${opts.budget}`;
    if (listen) {
      const server = await http.serveHttp(ctx, { ...listen, token });
      log(`serving ${mode}`);
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await server.close();
    } else {
      const { serveStdio } = await import('../../mcp/serveStdio');
      log(`serving ${mode}`);
      await Promise.race([
        serveStdio(ctx),
        new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
      ]);
    }
    log('stopped');
  } finally {
    await conn?.close();
    await sim?.close();
  }
}
