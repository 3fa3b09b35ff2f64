/**
 * Connection strings: `Name=Value` pairs separated by `;`, in the dialect the commercial
 * drivers accept (ADO.NET/JDBC style). Values are returned as strings; typing and validation
 * happen in resolveOptions so that every source (string, object, environment) gets the same rules.
 *
 * Error messages never quote a value, and never quote text that might be the tail of a secret
 * value cut short by an unquoted `;`.
 */
import { ConnectionStringError, didYouMean } from '../errors';
import { findProperty, propertyNames, SECRET_MASK } from './properties';
import type { PropertyName } from './types';

const PREFIX = /^\s*jdbc:(?:cdata:)?bigcommerce:/i;
const CLOSING: Record<string, string> = { "'": "'", '"': '"', '{': '}' };
// \s matches exactly the characters String.prototype.trim removes, so skipping and trimming agree.
const isSpace = (ch: string) => /\s/.test(ch);

export type ConnectionStringMap = Partial<Record<PropertyName, string>>;

/**
 * Parses a connection string into canonical property names → raw string values. A later
 * duplicate replaces the earlier one. Throws ConnectionStringError with code
 * ERR_CONNECTION_STRING (with `position`, 1-based) or ERR_UNKNOWN_PROPERTY.
 */
export function parseConnectionString(s: string): ConnectionStringMap {
  if (typeof s !== 'string') {
    throw new ConnectionStringError(
      'ERR_CONNECTION_STRING',
      `A connection string must be a string of Name=Value pairs separated by ';', not ${s === null ? 'null' : typeof s}.`,
    );
  }
  const out: ConnectionStringMap = {};
  const n = s.length;
  let i = PREFIX.exec(s)?.[0].length ?? 0;
  // Set after an unquoted secret value: if the next segment is malformed it may really be the
  // rest of that secret (a value containing ';' that should have been quoted), so don't echo it.
  let afterUnquotedSecret: PropertyName | undefined;

  while (i < n) {
    while (i < n && isSpace(s[i])) i++;
    if (i >= n) break;
    if (s[i] === ';') {
      i++;
      continue;
    }
    const start = i;
    while (i < n && s[i] !== '=' && s[i] !== ';') i++;
    const hint = afterUnquotedSecret
      ? ` If the value of ${afterUnquotedSecret} contains ';', enclose it in quotes or braces: ${afterUnquotedSecret}={…}.`
      : '';
    if (i >= n || s[i] === ';') {
      throw new ConnectionStringError(
        'ERR_CONNECTION_STRING',
        `The connection string has text with no '=' at position ${start + 1}; write Name=Value pairs separated by ';' (quote values that contain ';').${hint}`,
        { position: start + 1 },
      );
    }
    const rawName = s.slice(start, i).trim();
    if (rawName === '') {
      throw new ConnectionStringError(
        'ERR_CONNECTION_STRING',
        `The connection string has '=' with no property name before it at position ${i + 1}; write Name=Value.${hint}`,
        { position: i + 1 },
      );
    }
    const def = findProperty(rawName);
    if (!def) {
      if (afterUnquotedSecret) {
        throw new ConnectionStringError(
          'ERR_UNKNOWN_PROPERTY',
          `Unknown connection property at position ${start + 1}.${hint}`,
          { position: start + 1 },
        );
      }
      throw new ConnectionStringError(
        'ERR_UNKNOWN_PROPERTY',
        `${unknownProperty(rawName)} at position ${start + 1}${endSentence(didYouMean(rawName, propertyNames))} See the connection-property table in README.md.`,
        { property: rawName, position: start + 1 },
      );
    }
    i++; // past '='
    while (i < n && s[i] !== ';' && isSpace(s[i])) i++;
    const close = CLOSING[s[i]];
    let value: string;
    if (close !== undefined) {
      const open = i;
      let buf = '';
      i++;
      for (;;) {
        if (i >= n) {
          throw new ConnectionStringError(
            'ERR_CONNECTION_STRING',
            `The value of ${def.name} opened with ${s[open]} at position ${open + 1} is never closed; end it with ${close} (write ${close}${close} for a literal ${close} inside).`,
            { property: def.name, position: open + 1 },
          );
        }
        if (s[i] === close) {
          if (s[i + 1] === close) {
            buf += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        buf += s[i++];
      }
      while (i < n && s[i] !== ';' && isSpace(s[i])) i++;
      if (i < n && s[i] !== ';') {
        throw new ConnectionStringError(
          'ERR_CONNECTION_STRING',
          `Unexpected text after the quoted value of ${def.name} at position ${i + 1}; put ';' after the closing ${close}, or write ${close}${close} for a literal ${close} inside the value.`,
          { property: def.name, position: i + 1 },
        );
      }
      value = buf;
      afterUnquotedSecret = undefined;
    } else {
      const vStart = i;
      while (i < n && s[i] !== ';') i++;
      value = s.slice(vStart, i).trim();
      afterUnquotedSecret = def.secret ? def.name : undefined;
    }
    out[def.name] = value;
    i++; // past ';' (or end)
  }
  return out;
}

const unknownProperty = (name: string) => `Unknown connection property "${name}"`;

/** didYouMean() ends in '?' when it suggests something; otherwise the sentence needs its full stop. */
export function endSentence(suggestion: string): string {
  return suggestion === '' ? '.' : suggestion;
}

function quote(value: string): string {
  // Unquoted is fine unless trimming, ';' or a leading quote character would change the value.
  const needs = value !== value.trim() || value.includes(';') || (value.length > 0 && value[0] in CLOSING);
  if (!needs) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `{${value.replace(/}/g, '}}')}}`;
}

/**
 * The inverse of parseConnectionString: canonical names, values quoted only when needed.
 * Unset (undefined/null) values are left out. With maskSecrets, secret values print as
 * SECRET_MASK (for showing a connection string to a person).
 */
export function formatConnectionString(
  values: Record<string, string | number | boolean | null | undefined>,
  opts: { maskSecrets?: boolean } = {},
): string {
  const parts: string[] = [];
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    const def = findProperty(name);
    if (!def) {
      throw new ConnectionStringError(
        'ERR_UNKNOWN_PROPERTY',
        `${unknownProperty(name)}${endSentence(didYouMean(name, propertyNames))}`,
        { property: name },
      );
    }
    const text = def.secret && opts.maskSecrets && String(v) !== '' ? SECRET_MASK : String(v);
    parts.push(`${def.name}=${quote(text)}`);
  }
  return parts.join(';');
}
