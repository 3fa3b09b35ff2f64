/**
 * A session's SQL cursors (DECLARE … CURSOR): each reads its rows forward from a RowSource as
 * FETCH asks for them, so a large result is encoded a batch at a time rather than held whole.
 * Cursors end with CLOSE, with their transaction (unless WITH HOLD), or with the session.
 */
import { SqlError } from '../errors';
import type { EngineOutcome } from './engine/CatalogEngine';
import * as msg from './protocol/backendMessages';
import type { PgField } from './protocol/pgTypes';
import { encodeRowValues, withFormats } from './providerResult';

/** Rows of a query, encoded as DataRow messages, taken in order. */
export interface RowSource {
  /** The RowDescription message of the rows. */
  readonly rowDescription: Buffer;
  /** Up to `n` more rows (null: all that are left); fewer only at the end. */
  take(n: number | null): Promise<Buffer[]>;
  close(): void;
}

interface Cursor {
  source: RowSource;
  hold: boolean;
  /** Declared in the transaction block now open (a rollback closes it even WITH HOLD). */
  inTransaction: boolean;
}

/** At most this many cursors per session, so a client looping on DECLARE cannot exhaust memory. */
const MAX_CURSORS = 1000;

export class Cursors {
  readonly #open = new Map<string, Cursor>();

  has(name: string): boolean {
    return this.#open.has(name);
  }

  add(name: string, source: RowSource, hold: boolean, inTransaction: boolean): void {
    if (this.#open.has(name)) {
      source.close();
      throw new SqlError('ERR_SQL', `cursor "${name}" already exists`, { sqlState: '42P03' });
    }
    if (this.#open.size >= MAX_CURSORS) {
      source.close();
      throw new SqlError('ERR_SQL', `too many open cursors (${MAX_CURSORS}); close some first`, { sqlState: '53000' }); // prettier-ignore
    }
    this.#open.set(name, { source, hold, inTransaction });
  }

  get(name: string): RowSource {
    const cursor = this.#open.get(name);
    if (!cursor) throw new SqlError('ERR_SQL', `cursor "${name}" does not exist`, { sqlState: '34000' });
    return cursor.source;
  }

  /** CLOSE name, or CLOSE ALL (null). */
  close(name: string | null): void {
    if (name === null) {
      for (const c of this.#open.values()) c.source.close();
      this.#open.clear();
      return;
    }
    this.get(name).close();
    this.#open.delete(name);
  }

  /** The transaction block ended: its cursors close, except WITH HOLD ones of a commit. */
  endTransaction(committed: boolean): void {
    for (const [name, c] of this.#open) {
      if (c.hold && (committed || !c.inTransaction)) c.inTransaction = false;
      else {
        c.source.close();
        this.#open.delete(name);
      }
    }
  }
}

/** A RowSource over rows already encoded (catalog queries, results PostgreSQL computed whole). */
export function bufferedRows(rowDescription: Buffer, rows: Buffer[]): RowSource {
  const taken = Buffer.alloc(0);
  let at = 0;
  return {
    rowDescription,
    take(n) {
      const end = n === null ? rows.length : Math.min(rows.length, at + n);
      const out = rows.slice(at, end);
      rows.fill(taken, at, end); // rows already sent are not kept
      at = end;
      return Promise.resolve(out);
    },
    close() {
      at = rows.length;
      rows.length = 0;
    },
  };
}

/** A RowSource over a stream of provider rows, encoded a batch at a time by `encode`. */
function streamedRows(
  rowDescription: Buffer,
  rows: AsyncGenerator<unknown[]>,
  encode: (batch: unknown[][]) => Buffer[],
): RowSource {
  let done = false;
  return {
    rowDescription,
    async take(n) {
      const batch: unknown[][] = [];
      while (!done && (n === null || batch.length < n)) {
        const next = await rows.next();
        if (next.done) done = true;
        else batch.push(next.value);
      }
      return encode(batch);
    },
    close() {
      if (!done) void rows.return(undefined);
      done = true;
    },
  };
}

/** A provider query whose rows arrive one at a time, and their columns as PostgreSQL typed them. */
export interface StreamedQuery {
  fields: PgField[];
  rows: AsyncGenerator<unknown[]>;
}

/**
 * The rows a new cursor reads: streamed from the provider when it can (a large result is then
 * never held whole), otherwise the statement's result computed by `run`.
 */
export async function openCursor(
  streamed: StreamedQuery | null,
  run: () => Promise<EngineOutcome>,
  formats: number[],
  secrets: ReadonlySet<string>,
): Promise<RowSource> {
  if (streamed) {
    const { fields, rows } = streamed;
    const names = fields.map((f) => f.name);
    return streamedRows(msg.rowDescription(withFormats(fields, formats)), rows, (batch) => {
      if (batch.length > 0 && batch[0].length !== fields.length) {
        throw new SqlError('ERR_INTERNAL', `the provider returned ${batch[0].length} columns where ${fields.length} were described`, { sqlState: 'XX000' }); // prettier-ignore
      }
      return encodeRowValues(fields, names, batch, formats, secrets);
    });
  }
  const out = await run();
  return bufferedRows(out.rowDescription ?? msg.rowDescription([]), out.rows);
}
