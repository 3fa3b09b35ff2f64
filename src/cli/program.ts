/**
 * The `bcsql` command line (commander). Only argument parsing lives here; each command loads
 * what it needs when it runs, so `bcsql --help` and `bcsql --version` start instantly.
 */
import { Command, Option } from 'commander';
import { packageVersion } from '../catalog/packageRoot';
import { historyFile } from './history';
import { simulateCommand } from './commands/simulateCommand';
import { serveCommand } from './commands/serveCommand';
import { mcpCommand } from './commands/mcpCommand';
import { replicateCommand } from './commands/replicateCommand';
import { CONNECTION_ENV, runShell, type ShellOptions } from './commands/runShell';
import { FORMATS } from './format/renderResult';

/**
 * Subcommands besides the shell. A new one (such as `bcsql serve`) is a module under
 * src/cli/commands/ exporting a function that returns a commander Command, added to this list.
 */
const SUBCOMMANDS: (() => Command)[] = [simulateCommand, serveCommand, mcpCommand, replicateCommand];

function helpAfter(): string {
  return `
Examples:
  bcsql --demo                          try it on the built-in demo store (no account needed)
  bcsql "AuthScheme=OAuth;StoreId=abc123;OAuthAccessToken=..."
  bcsql -e "SELECT Id, Name, Price FROM Products LIMIT 5" --format csv > products.csv
  bcsql < report.sql                    run a file of statements
  bcsql simulate --products 50000 --latency 50

Input:
  On a terminal bcsql is an interactive shell: statements end with ";" and may span lines,
  meta-commands start with "\\" (\\? lists them), Ctrl-C cancels a running statement, Ctrl-D or \\q
  quits. History is kept in ${historyFile()}.
  Otherwise -e runs its SQL, or the SQL piped on stdin runs statement by statement.
  With -e or piped input, the first statement that fails stops the run: its error goes to stderr
  (one line, "ERROR <code>: <message>") and the exit code is 1. Results go to stdout.
  Two columns with the same name (SELECT p.Id, v.Id ...) both show in table and CSV output;
  in JSON lines the later ones get a suffix: {"Id":1,"Id_2":5}.

Environment:
  ${CONNECTION_ENV}   the connection string, when none is given as an argument or option
  BIGCOMMERCE_<PROPERTY>   any single connection property (e.g. BIGCOMMERCE_OAUTHACCESSTOKEN)
  NO_COLOR                 print NULL without colour
`;
}

export function createProgram(): Command {
  const program = new Command('bcsql')
    .description('A SQL shell for BigCommerce stores (and for the built-in BigCommerce simulator).')
    .version(packageVersion(), '-V, --version')
    .argument(
      '[connection]',
      `connection string, e.g. "AuthScheme=OAuth;StoreId=abc123;OAuthAccessToken=..."`,
    )
    .option('-c, --connection <string>', `connection string (also read from ${CONNECTION_ENV})`)
    .option('-e, --execute <sql>', 'run the SQL (or a meta-command) and exit')
    .addOption(
      new Option('-f, --format <format>', 'output format: aligned table, CSV (RFC 4180) or JSON lines')
        .choices(FORMATS)
        .default('table'),
    )
    .option('-q, --quiet', 'no progress bars and no demo banner')
    .option('-v, --verbose', 'show stack traces with errors')
    .option('--demo', 'start the built-in simulator with the demo store and connect to it')
    .addHelpText('after', helpAfter)
    .showHelpAfterError('(run bcsql --help for usage)')
    .action(async (connection: string | undefined, opts: ShellOptions) => {
      process.exitCode = await runShell(connection, opts);
    });
  for (const make of SUBCOMMANDS) program.addCommand(make());
  return program;
}
