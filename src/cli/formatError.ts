/**
 * How the shell reports a failure: one line with the error code, `ERROR ERR_UNKNOWN_TABLE: no
 * table "Prodcts"; did you mean "Products"?`, and a stack trace only with --verbose.
 */
import { BigCommerceSqlError } from '../errors';

export function formatError(err: unknown, verbose: boolean): string {
  let line: string;
  if (err instanceof BigCommerceSqlError) line = `ERROR ${err.code}: ${err.message}`;
  else if (err instanceof Error) line = `ERROR: ${err.message}`;
  else line = `ERROR: ${String(err)}`;
  if (verbose && err instanceof Error && err.stack) {
    // The stack's first line repeats the message; keep only the frames.
    const frames = err.stack.split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length > 0) line += `\n${frames.join('\n')}`;
  }
  return `${line}\n`;
}
