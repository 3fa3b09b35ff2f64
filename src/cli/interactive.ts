/**
 * The interactive shell on a terminal: a readline prompt (`bcsql> `, `   -> ` while a statement
 * continues), history kept across runs, Ctrl-C cancelling the running statement (its HTTP
 * requests are aborted through the AbortSignal) or clearing the line being typed, and Ctrl-D or
 * \q to quit. Lines typed while a statement runs are queued and run after it.
 */
import * as readline from 'node:readline';
import { historyFile, HISTORY_SIZE, loadHistory, saveHistory } from './history';
import { endOnSignals } from './signals';
import type { Session } from './Session';
import { StatementBuffer } from './StatementBuffer';

export const PROMPT = 'bcsql> ';
export const CONTINUATION_PROMPT = '   -> ';

export interface InteractiveOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** --verbose: report a history file that cannot be written. */
  verbose: boolean;
  /** The connection being opened while the prompt is already up; if it fails, the shell ends with 1. */
  ready?: Promise<unknown>;
  onNotReady?: (err: unknown) => void;
}

/** readline keeps its history (newest first) on the interface; the typings leave it out. */
type WithHistory = readline.Interface & { history?: string[] };

/**
 * A statement typed over several lines lands in readline's history line by line; replace those
 * entries with the whole statement on one line, so Up brings it back in one piece.
 */
function foldHistory(rl: WithHistory, lines: string[]): void {
  const history = rl.history;
  const typed = lines.filter((l) => l.trim() !== '');
  if (!history || typed.length < 2) return;
  const newestFirst = [...typed].reverse();
  if (!newestFirst.every((l, i) => history[i] === l)) return;
  history.splice(0, typed.length, typed.map((l) => l.trim()).join(' '));
}

export function runInteractive(session: Session, opts: InteractiveOptions): Promise<number> {
  const file = historyFile();
  const rl: WithHistory = readline.createInterface({
    input: opts.input,
    output: opts.output,
    prompt: PROMPT,
    history: loadHistory(file),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  const buffer = new StatementBuffer();
  let statementLines: string[] = [];
  let queue: string[] = [];
  let running: AbortController | undefined;
  let busy = false;
  let quitting = false;
  let exitCode = 0;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));

  const prompt = () => {
    rl.setPrompt(buffer.pending ? CONTINUATION_PROMPT : PROMPT);
    rl.prompt();
  };

  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length > 0 && !quitting) {
      const line = queue.shift() as string;
      if (!buffer.pending) statementLines = [];
      statementLines.push(line);
      const items = buffer.push(line);
      if (items.some((i) => i.kind === 'sql') && !buffer.pending) foldHistory(rl, statementLines);
      for (const item of items) {
        running = new AbortController();
        const outcome = await session.execute(item, running.signal);
        running = undefined;
        if (outcome === 'quit') {
          quitting = true;
          rl.close();
          break;
        }
        if (outcome === 'cancelled') {
          // What was typed ahead was meant to follow the cancelled statement: drop it too.
          queue = [];
          buffer.clear();
          break;
        }
      }
    }
    busy = false;
    if (quitting) done();
    else prompt();
  };

  // A closed terminal window or a kill ends the session like Ctrl-D, so the history is kept; a
  // running statement is cancelled, and endOnSignals exits anyway if that takes too long.
  const stopSignals = endOnSignals(() => {
    running?.abort();
    rl.close();
  });

  const done = () => {
    if (busy) return; // pump() calls done() when the statement it is running settles
    stopSignals();
    try {
      saveHistory(file, rl.history ?? []);
    } catch (err) {
      if (opts.verbose)
        process.stderr.write(`WARNING: history not saved to ${file}: ${(err as Error).message}\n`);
    }
    // Like psql, an interactive session ends with 0 even if some statements failed.
    finish(exitCode);
  };

  rl.on('line', (line) => {
    queue.push(line);
    void pump();
  });

  rl.on('SIGINT', () => {
    if (running) {
      running.abort();
      return;
    }
    // Nothing running: forget the line and any unfinished statement, and start over.
    buffer.clear();
    queue = [];
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    opts.output.write('^C\n');
    prompt();
  });

  rl.on('close', () => {
    // Ctrl-D (or \q): stop whatever runs, then save the history once it has settled.
    if (!quitting) opts.output.write('\n');
    quitting = true;
    running?.abort();
    done();
  });

  opts.ready?.catch((err: unknown) => {
    opts.output.write('\n');
    opts.onNotReady?.(err);
    exitCode = 1;
    quitting = true;
    rl.close();
  });

  prompt();
  return finished;
}
