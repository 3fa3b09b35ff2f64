/**
 * One shell session over one connection: runs SQL statements and meta-commands, prints results in
 * the current format, warnings and errors to stderr, and keeps the \format and \timing settings.
 * The interactive shell, piped input and -e all go through execute().
 *
 * The connection may still be opening (the interactive shell shows its prompt while the provider
 * loads); statements wait for it. Meta-commands and the catalog are loaded when first used.
 */
import { performance } from 'node:perf_hooks';
import type { Connection } from '../connection/Connection';
import type { PropertyDescription } from '../options/properties';
import type { FieldInfo, QueryParams, QueryResult, Row } from '../types';
import { formatError } from './formatError';
import { commandTag, renderResult, type OutputFormat } from './format/renderResult';
import type { ValueRow } from './format/cellText';
import type { TableColumn } from './format/renderTable';
import { ProgressReporter } from './ProgressReporter';
import type { WorkItem } from './StatementBuffer';

export interface SessionIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Terminal width to cut table lines to; undefined when stdout is not a terminal. */
  columns(): number | undefined;
  /** Dim NULLs: stdout is a terminal and NO_COLOR is not set. */
  color: boolean;
  /** Progress bars: stderr is a terminal and --quiet was not given. */
  progress: boolean;
}

export interface SessionSettings {
  format: OutputFormat;
  timing: boolean;
  verbose: boolean;
}

export type Outcome = 'ok' | 'error' | 'cancelled' | 'quit';

export class Session {
  readonly #connection: Promise<Connection>;

  constructor(
    connection: Promise<Connection>,
    readonly io: SessionIo,
    readonly settings: SessionSettings,
    /** The connection's properties for \conn, secrets masked. */
    readonly describeConnection: () => Promise<PropertyDescription[]>,
  ) {
    this.#connection = connection;
  }

  async execute(item: WorkItem, signal?: AbortSignal): Promise<Outcome> {
    try {
      if (item.kind === 'meta') {
        const { runMetaCommand } = await import('./metaCommands');
        return await runMetaCommand(this, item.text);
      }
      return await this.#runStatement(item.text, signal);
    } catch (err) {
      if (signal?.aborted) {
        this.io.stderr.write('Cancelled\n');
        return 'cancelled';
      }
      this.io.stderr.write(formatError(err, this.settings.verbose));
      return 'error';
    }
  }

  async #runStatement(sql: string, signal?: AbortSignal): Promise<Outcome> {
    const conn = await this.#connection;
    const progress = this.io.progress
      ? new ProgressReporter(this.io.stderr as NodeJS.WriteStream)
      : undefined;
    const started = performance.now();
    let result: QueryResult<unknown[]>;
    try {
      // Array rows, so SELECT p.Id, v.Id … keeps both values (object rows would keep only the last).
      result = await conn.query(sql, undefined, {
        signal,
        onProgress: progress?.onProgress,
        rowMode: 'array',
      });
    } finally {
      progress?.stop();
    }
    const elapsed = performance.now() - started;
    const tag = commandTag(result.command, result.rowCount);
    if (tag === undefined) this.print(result.fields, result.rows);
    else if (result.fields.length > 0) this.print(result.fields, result.rows, `${tag}\n`);
    // Without RETURNING a write has no rows: csv and json output stays empty, the tag goes to stderr.
    else if (this.settings.format === 'table') this.notice(tag);
    else this.io.stderr.write(`${tag}\n`);
    for (const w of result.warnings) this.io.stderr.write(`WARNING: ${w}\n`);
    if (this.settings.timing) {
      const n = result.requestCount;
      const from = result.servedFrom ? `, from the ${result.servedFrom}` : '';
      this.notice(`Time: ${elapsed.toFixed(1)} ms, ${n} API ${n === 1 ? 'request' : 'requests'}${from}`);
    }
    return 'ok';
  }

  /** Runs a catalog query for a meta-command (no progress, no timing). */
  async query(sql: string, params?: QueryParams): Promise<Row[]> {
    return (await (await this.#connection).query(sql, params)).rows;
  }

  /**
   * Prints rows in the current output format: value arrays in column order (statements), or
   * objects keyed by column name (meta-commands' own rows).
   */
  print(
    fields: readonly (FieldInfo | TableColumn)[],
    rows: readonly (Row | ValueRow)[],
    footer?: string,
  ): void {
    const first = rows[0];
    const columns: TableColumn[] =
      fields.length > 0 || first === undefined || Array.isArray(first)
        ? [...fields]
        : Object.keys(first).map((name) => ({ name }));
    const values = rows.map((row): ValueRow =>
      Array.isArray(row) ? row : columns.map((c) => (row as Row)[c.name]),
    );
    const text = renderResult(
      this.settings.format,
      columns,
      values,
      {
        maxWidth: this.io.columns(),
        color: this.io.color,
      },
      footer,
    );
    this.io.stdout.write(text);
  }

  /** A line for a person (a title, "Timing is on."), on stdout like psql. */
  notice(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }
}
