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
    if (v && v.length >= 4) secrets.add(v);
  };
  (opts.secrets ?? []).forEach(add);
  const verbosity = opts.verbosity ?? 1;
  const redact = (text: string): string => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('[REDACTED]');
    return out.replace(SECRET_FIELDS, '$1[REDACTED]');
  };
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

export const nullLogger: Logger = { log() {}, addSecret() {}, redact: (t) => t };
