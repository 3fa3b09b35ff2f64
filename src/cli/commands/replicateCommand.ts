/**
 * `bcsql replicate [CONNECTION] --to <file | postgres://…> [--tables A,B] [--every 5m]`: keeps a
 * replica of the store, one REPLICATE statement per run, with a progress bar per table on stderr
 * and a summary per table on stdout (rows inserted, updated, deleted, requests, time).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Connection } from '../../connection/Connection';
import type { Simulator } from '../../simulator';
import type { QueryResult } from '../../types';
import { formatError } from '../formatError';
import { TableBars } from '../TableBars';

const CONNECTION_ENV = 'BIGCOMMERCE_CONNECTION';

export interface ReplicateCommandOptions {
  to: string;
  connection?: string;
  tables?: string[];
  exclude?: string[];
  schema?: string;
  every?: number;
  demo?: boolean;
  quiet?: boolean;
}

/** `30s`, `5m`, `1h` (or plain seconds) as milliseconds. */
export function parseInterval(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/i.exec(value.trim());
  if (!m || Number(m[1]) <= 0) throw new InvalidArgumentError('expected a duration such as 30s, 5m or 1h.');
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'];
}

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function replicateCommand(): Command {
  return new Command('replicate')
    .description(
      'Copy the store into a SQLite file or a PostgreSQL database and keep it fresh: the first run\n' +
        'reads every table, later runs only what changed (and what was deleted) since.',
    )
    .argument(
      '[connection]',
      'connection string, e.g. "AuthScheme=OAuth;StoreId=abc123;OAuthAccessToken=..."',
    )
    .option('-c, --connection <string>', `connection string (also read from ${CONNECTION_ENV})`)
    .option('--to <target>', 'a SQLite file, or a postgres:// URL', 'bigcommerce.db')
    .addOption(new Option('--tables <list>', 'comma-separated tables (default: all)').argParser(list))
    .addOption(
      new Option(
        '--exclude <list>',
        'columns to leave out: Column or Table.Column, comma-separated',
      ).argParser(list),
    )
    .addOption(
      new Option('--schema <name>', 'PostgreSQL schema for this store (default: the store hash)').argParser(
        (v) => {
          if (!/^[A-Za-z0-9_]+$/.test(v)) throw new InvalidArgumentError('letters, digits and _ only.');
          return v;
        },
      ),
    )
    .addOption(
      new Option('--every <interval>', 'run again at this interval (30s, 5m, 1h) until stopped').argParser(
        parseInterval,
      ),
    )
    .option('--demo', 'replicate the built-in demo store (the simulator)')
    .option('-q, --quiet', 'no progress bars')
    .action(async (connection: string | undefined, _opts: ReplicateCommandOptions, cmd: Command) => {
      // bcsql's own --demo, --connection and --quiet claim those flags, even after "replicate".
      const opts = cmd.optsWithGlobals<ReplicateCommandOptions>();
      process.exitCode = await runReplicate(connection ?? opts.connection, opts);
    });
}

export function replicateSql(opts: Pick<ReplicateCommandOptions, 'to' | 'tables' | 'exclude'>): string {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const ident = (s: string) =>
    s
      .split('.')
      .map((p) => `"${p.replace(/"/g, '""')}"`)
      .join('.');
  const tables =
    opts.tables && opts.tables.length > 0 ? `TABLES (${opts.tables.map(ident).join(', ')})` : 'ALL';
  const exclude =
    opts.exclude && opts.exclude.length > 0 ? ` EXCLUDE COLUMNS (${opts.exclude.map(ident).join(', ')})` : '';
  return `REPLICATE INTO ${quote(opts.to)} ${tables}${exclude}`;
}

async function runReplicate(given: string | undefined, opts: ReplicateCommandOptions): Promise<number> {
  let sim: Simulator | undefined;
  let conn: Connection | undefined;
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stop.abort(signal);
  // Kept (not `once`) until the end: a second Ctrl-C must not kill a run mid-transaction.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let input = given ?? process.env[CONNECTION_ENV] ?? '';
    if (opts.demo) {
      const [{ startSimulator }, { simulatorConnectionString }] = await Promise.all([
        import('../../simulator'),
        import('../simulatorConnection'),
      ]);
      sim = await startSimulator();
      input = simulatorConnectionString(sim);
    }
    const { connect } = await import('../../replica/connect');
    const extra = opts.schema ? `;CacheSchema=${opts.schema}` : '';
    conn = await connect(input + extra);
    const sql = replicateSql(opts);
    for (;;) {
      const result = await runOnce(conn, sql, opts, stop.signal);
      process.stdout.write(renderSummary(result, opts.to));
      if (opts.every === undefined || stop.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.every);
        stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
      if (stop.signal.aborted) break;
    }
    return 0;
  } catch (err) {
    if (stop.signal.aborted && conn) {
      // Asked to stop: the table in flight rolls back whole; the next run picks up from there.
      process.stderr.write(
        `bcsql replicate: stopped by ${String(stop.signal.reason)}; tables finished before it are kept, the next run does the rest\n`,
      );
      return 0;
    }
    process.stderr.write(formatError(err, false));
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await conn?.close();
    await sim?.close();
  }
}

async function runOnce(conn: Connection, sql: string, opts: ReplicateCommandOptions, signal: AbortSignal) {
  const bars = opts.quiet || !process.stderr.isTTY ? undefined : new TableBars(process.stderr);
  try {
    return await conn.query(sql, [], { signal, onProgress: bars?.onProgress });
  } finally {
    bars?.stop();
  }
}

/** One line per table and a total, aligned. */
export function renderSummary(result: QueryResult, target: string): string {
  const rows = result.rows as Record<string, string | number>[];
  const width = Math.max(5, ...rows.map((r) => String(r.Table).length));
  const lines = rows.map(
    (r) =>
      `${String(r.Table).padEnd(width)}  ${String(r.Mode).padEnd(11)}  +${r.Inserted} ~${r.Updated} -${r.Deleted}  ` +
      `${r.Rows} rows  ${r.Requests} requests  ${r.Seconds} s`,
  );
  const sum = (k: string) => rows.reduce((n, r) => n + Number(r[k]), 0);
  const seconds = Math.round(sum('Seconds') * 10) / 10;
  lines.push(
    `${'Total'.padEnd(width)}  ${rows.length} tables    +${sum('Inserted')} ~${sum('Updated')} -${sum('Deleted')}  ` +
      `${sum('Rows')} rows  ${result.requestCount} requests  ${seconds} s  → ${target.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:***@')}`,
  );
  return `${lines.join('\n')}\n`;
}
