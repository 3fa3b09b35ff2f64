/**
 * Collects input lines into work items for the shell, the same way for a terminal and for piped
 * input: SQL statements end with `;` (splitSql), and a line starting with `\` is a meta-command
 * that needs no `;` — unless it continues a string or comment left open on an earlier line.
 */
import { splitSql } from './splitSql';

export type WorkItem = { kind: 'sql'; text: string } | { kind: 'meta'; text: string };

export class StatementBuffer {
  #text = '';

  /** Adds one line (without its newline) and returns the items it completed, in order. */
  push(line: string): WorkItem[] {
    if (!splitSql(this.#text).open && line.trimStart().startsWith('\\')) {
      return [{ kind: 'meta', text: line.trim() }];
    }
    this.#text = this.#text === '' ? line : `${this.#text}\n${line}`;
    const { statements, rest, restIsBlank, open } = splitSql(this.#text);
    // Whitespace or a finished comment is nothing to wait for; an open comment is.
    this.#text = restIsBlank && !open ? '' : rest;
    return statements.map((text) => ({ kind: 'sql', text }));
  }

  /** True while an unfinished statement is being collected (the shell shows the continuation prompt). */
  get pending(): boolean {
    return this.#text !== '';
  }

  /** At the end of input: the unfinished statement, if any, runs as if it ended with `;`. */
  flush(): WorkItem[] {
    const { rest, restIsBlank } = splitSql(this.#text);
    this.clear();
    return restIsBlank ? [] : [{ kind: 'sql', text: rest.trim() }];
  }

  clear(): void {
    this.#text = '';
  }
}
