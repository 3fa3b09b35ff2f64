/**
 * The shell's history, kept across runs in the user's data folder
 * (env-paths: ~/.local/share/bigcommerce-sql-nodejs/history on Linux). Statements that pass a
 * secret (a verifier code, a token, a client secret) are left out of the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import envPaths from 'env-paths';
import { loadCatalog } from '../catalog/loadCatalog';
import type { Catalog } from '../catalog/types';
import { connectionProperties } from '../options/properties';
import { statementSecrets } from '../procedures/registerArgumentSecrets';
import { scan } from '../sql/lexer';
import { parseStatement } from '../sql/parseStatement';
import { splitSql } from './splitSql';

export const HISTORY_SIZE = 1000;

/** Computed on each call, so a changed XDG_DATA_HOME (a test's temporary folder) is honoured. */
export function historyFile(): string {
  return path.join(envPaths('bigcommerce-sql').data, 'history');
}

/**
 * Whether an entry passes a secret: decided from each parsed statement and the procedure
 * definitions (positional EXEC arguments, quoted names, `'…' = Verifier` all count). Text that does
 * not parse is kept only when it names no procedure with secret parameters and no secret property.
 */
export function mentionsSecret(entry: string, catalog: Catalog = loadCatalog()): boolean {
  const { statements, rest, restIsBlank } = splitSql(entry);
  const texts = restIsBlank ? statements : [...statements, rest.trim()];
  return texts.some((text) => !text.startsWith('\\') && statementPassesSecret(text, catalog));
}

function statementPassesSecret(text: string, catalog: Catalog): boolean {
  try {
    return statementSecrets(catalog, parseStatement(text)).passesSecret;
  } catch {
    return namesSomethingSecret(text, catalog);
  }
}

function namesSomethingSecret(text: string, catalog: Catalog): boolean {
  const secretNames = new Set<string>(
    connectionProperties.filter((p) => p.secret).map((p) => p.name.toLowerCase()),
  );
  for (const proc of catalog.procedures) {
    const params = Object.entries(proc.parameters.properties);
    if (params.some(([, schema]) => schema?.writeOnly === true)) secretNames.add(proc.name.toLowerCase());
  }
  return scan(text).tokens.some(
    (t) =>
      (t.kind === 'ident' || t.kind === 'quoted' || t.kind === 'named') &&
      secretNames.has(String(t.value).toLowerCase()),
  );
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
  const catalog = loadCatalog();
  const kept = newestFirst.filter((e) => e.trim() !== '' && !e.includes('\n') && !mentionsSecret(e, catalog));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${[...kept.slice(0, HISTORY_SIZE)].reverse().join('\n')}\n`, { mode: 0o600 });
}
