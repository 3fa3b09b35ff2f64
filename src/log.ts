/**
 * Logfile/Verbosity. Every line passes through redact(): known secret values are replaced, and
 * so are secret-looking fields in query strings, headers and JSON bodies, so nothing sensitive
 * reaches the file whatever a caller passes in.
 */
import * as fs from 'node:fs';

export interface Logger {
  /** level 1 = errors and summaries … 5 = everything, including response bodies. */
  log(level: number, message: string): void;
  /** Register a value that must never be written (tokens learned at run time). */
  addSecret(value: string | undefined): void;
  redact(text: string): string;
}

const SECRET_FIELDS =
  /((?:client_secret|access_token|refresh_token|code|x-auth-token|oauthclientsecret|oauthaccesstoken|oauthrefreshtoken|oauthverifier|verifier|authorization)["']?\s*[:=]\s*["']?)([^"'&\s,;}]+)/gi;

export function createLogger(opts: {
  logfile?: string;
  verbosity?: number;
  secrets?: (string | undefined)[];
}): Logger {
  const secrets = new Set<string>();
  const add = (v: string | undefined) => {
    if (v) secrets.add(v);
  };
  (opts.secrets ?? []).forEach(add);
  const verbosity = opts.verbosity ?? 1;
  const redact = (text: string): string =>
    redactSecrets(text, secrets).replace(SECRET_FIELDS, '$1[REDACTED]');
  return {
    addSecret: add,
    redact,
    log(level, message) {
      if (!opts.logfile || level > verbosity) return;
      const line = `${new Date().toISOString()} [${level}] ${redact(message)}\n`;
      fs.appendFileSync(opts.logfile, line);
    },
  };
}

/**
 * Replaces every occurrence of each secret, whatever its length, as written or percent-encoded in
 * any way a URL, a form body or a server's echo may spell it (each character raw or %XX in either
 * case, a space also as +). Longer secrets go first so one containing another is replaced whole.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const list = [...new Set([...secrets].filter((s): s is string => !!s))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return text;
  // One pass over all of them, so a short secret is never found inside an earlier [REDACTED].
  return text.replace(secretsPattern(list), '[REDACTED]');
}

const patterns = new Map<string, RegExp>();

function secretsPattern(list: string[]): RegExp {
  const key = JSON.stringify(list);
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(list.map((s) => [...s].map(charPattern).join('')).join('|'), 'g');
    if (patterns.size > 100) patterns.clear();
    patterns.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function charPattern(ch: string): string {
  const encoded = [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  const percent = encoded.replace(/[a-f]/g, (h) => `[${h}${h.toUpperCase()}]`);
  const raw = ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  return ch === ' ' ? `(?: |\\+|${percent})` : `(?:${raw}|${percent})`;
}

export const nullLogger: Logger = { log() {}, addSecret() {}, redact: (t) => t };
