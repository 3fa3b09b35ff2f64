/**
 * The shell's history, kept across runs in the user's data folder
 * (env-paths: ~/.local/share/bigcommerce-sql-nodejs/history on Linux). Statements that pass a
 * secret (a verifier code, a token, a client secret) are left out of the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import envPaths from 'env-paths';

export const HISTORY_SIZE = 1000;

/** Computed on each call, so a changed XDG_DATA_HOME (a test's temporary folder) is honoured. */
export function historyFile(): string {
  return path.join(envPaths('bigcommerce-sql').data, 'history');
}

// `Verifier='…'`, `@OAuthRefreshToken = '…'`, `OAuthClientSecret=…` in EXEC arguments or connection strings.
const SECRET_ASSIGNMENT = /(verifier|token|secret|password)\s*=/i;

export function mentionsSecret(entry: string): boolean {
  return SECRET_ASSIGNMENT.test(entry);
}

/** Entries newest first, as readline's `history` option wants them; [] when there is no file yet. */
export function loadHistory(file: string): string[] {
  try {
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    return lines.reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

/** Writes entries (newest first) oldest first, one per line, readable only by the user. */
export function saveHistory(file: string, newestFirst: readonly string[]): void {
  const kept = newestFirst.filter((e) => e.trim() !== '' && !e.includes('\n') && !mentionsSecret(e));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${[...kept.slice(0, HISTORY_SIZE)].reverse().join('\n')}\n`, { mode: 0o600 });
}
