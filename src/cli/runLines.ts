/**
 * Non-interactive input (-e, or SQL piped on stdin): statements run one after another and the
 * first failure stops the run with exit code 1 — the safe choice for scripts, like psql with
 * ON_ERROR_STOP=1. A final statement without `;` still runs.
 */
import type { Session } from './Session';
import { StatementBuffer, type WorkItem } from './StatementBuffer';

export async function runLines(
  session: Session,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  const buffer = new StatementBuffer();
  const run = async (items: WorkItem[]): Promise<number | undefined> => {
    for (const item of items) {
      const outcome = await session.execute(item);
      if (outcome === 'quit') return 0;
      if (outcome !== 'ok') return 1;
    }
    return undefined;
  };
  for await (const line of lines) {
    const code = await run(buffer.push(line));
    if (code !== undefined) return code;
  }
  return (await run(buffer.flush())) ?? 0;
}
