/**
 * Turns what the user gave (a connection string, an options object, the environment) into typed,
 * validated ConnectionOptions. Precedence: connection string > options object > environment >
 * catalogue defaults. An empty value counts as not given, so it falls through to the next source.
 */
import { ConnectionStringError, didYouMean } from '../errors';
import {
  connectionProperties,
  findProperty,
  isHttpUrl,
  isStoreHash,
  propertyNames,
  type ConnectionPropertyDef,
} from './properties';
import { endSentence, parseConnectionString } from './parseConnectionString';
import type { ConnectionOptions, PropertyName } from './types';

export type OptionsInput = string | Record<string, unknown> | null | undefined;
type Source = 'connection string' | 'options object' | 'environment';

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);
const INTEGER = /^[+-]?\d+$/;

export function resolveOptions(input: OptionsInput, env: NodeJS.ProcessEnv = process.env): ConnectionOptions {
  const fromString: Record<string, unknown> = {};
  const fromObject: Record<string, unknown> = {};
  if (typeof input === 'string') {
    Object.assign(fromString, parseConnectionString(input));
  } else if (input !== null && input !== undefined) {
    if (typeof input !== 'object' || Array.isArray(input)) {
      throw new ConnectionStringError(
        'ERR_CONNECTION_STRING',
        'Connection options must be a connection string or an object of property names to values.',
      );
    }
    for (const [key, v] of Object.entries(input)) {
      if (key.toLowerCase() === 'connectionstring') {
        if (v === undefined || v === null) continue;
        if (typeof v !== 'string') {
          throw new ConnectionStringError(
            'ERR_INVALID_PROPERTY_VALUE',
            `connectionString must be a string of Name=Value pairs, not ${typeof v}.`,
            { property: 'connectionString' },
          );
        }
        Object.assign(fromString, parseConnectionString(v));
        continue;
      }
      const def = findProperty(key);
      if (!def) {
        throw new ConnectionStringError(
          'ERR_UNKNOWN_PROPERTY',
          `Unknown connection property "${key}" in the options object${endSentence(didYouMean(key, [...propertyNames, 'connectionString']))}`,
          { property: key },
        );
      }
      fromObject[def.name] = v;
    }
  }

  const out: Record<string, unknown> = {};
  for (const def of connectionProperties) {
    const candidates: [Source, unknown][] = [
      ['connection string', fromString[def.name]],
      ['options object', fromObject[def.name]],
      ['environment', def.env ? env[def.env] : undefined],
    ];
    const given = candidates.find(([, v]) => !isUnset(v));
    if (given) out[def.name] = parsePropertyValue(def, given[1], given[0]);
    else if (def.default !== undefined) out[def.name] = def.default;
  }
  const options = out as unknown as ConnectionOptions;
  checkRequiredWhen(options);
  return options;
}

function isUnset(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Converts one raw value (a string from a connection string or the environment, or a typed
 * value from an options object) to the property's type, or throws ERR_INVALID_PROPERTY_VALUE.
 */
export function parsePropertyValue(
  def: ConnectionPropertyDef,
  raw: unknown,
  source: Source = 'connection string',
): string | number | boolean {
  const from =
    source === 'environment' ? ` (from ${def.env})` : source === 'options object' ? ' (options object)' : '';
  const fail = (expected: string): never => {
    // A secret's value is never echoed; other values are, to show what was wrong.
    const got = def.secret ? '' : `; got ${describeRaw(raw)}`;
    throw new ConnectionStringError(
      'ERR_INVALID_PROPERTY_VALUE',
      `${def.name}${from} must be ${expected}${got}.`,
      { property: def.name, source },
    );
  };
  const text = typeof raw === 'string' ? raw.trim() : undefined;

  switch (def.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'number' && (raw === 0 || raw === 1)) return raw === 1;
      const t = text?.toLowerCase();
      if (t !== undefined && TRUE.has(t)) return true;
      if (t !== undefined && FALSE.has(t)) return false;
      return fail('true or false (also accepted: 1/0, yes/no)');
    }
    case 'integer': {
      const range = describeRange(def);
      let n: number | undefined;
      if (typeof raw === 'number') n = raw;
      else if (text !== undefined && INTEGER.test(text)) n = Number(text);
      if (n === undefined || !Number.isSafeInteger(n)) return fail(`a whole number${range}`);
      if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
        return fail(`a whole number${range}`);
      }
      return n;
    }
    case 'enum': {
      const values = def.values ?? [];
      const t = text?.toLowerCase();
      const match =
        values.find((v) => v.toLowerCase() === t) ??
        Object.entries(def.valueAliases ?? {}).find(([alias]) => alias.toLowerCase() === t)?.[1];
      if (match === undefined) return fail(`one of ${values.join(', ')}`);
      return match;
    }
    case 'string': {
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
        return fail('a string');
      const value = typeof raw === 'string' ? raw : String(raw);
      if (def.format === 'store-hash') {
        if (!isStoreHash(value.trim()))
          return fail('a store hash of letters, digits, - and _ only (the abc123 in /stores/abc123/)');
        return value.trim();
      }
      if (def.format) {
        if (!isHttpUrl(value.trim())) return fail('an http:// or https:// URL, such as https://example.com');
        return def.format === 'base-url' ? value.trim().replace(/\/+$/, '') : value.trim();
      }
      return value;
    }
  }
}

function describeRange(def: ConnectionPropertyDef): string {
  if (def.min !== undefined && def.max !== undefined) return ` from ${def.min} to ${def.max}`;
  if (def.min !== undefined) return ` of at least ${def.min}`;
  if (def.max !== undefined) return ` of at most ${def.max}`;
  return '';
}

function describeRaw(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
  if (Array.isArray(raw)) return 'an array';
  if (typeof raw === 'object') return 'an object';
  return String(raw);
}

/** Enforces the catalogue's requiredWhen rules (e.g. PersonalAccessToken needs StoreId and a token). */
function checkRequiredWhen(options: ConnectionOptions): void {
  const byCondition = new Map<string, PropertyName[]>();
  for (const def of connectionProperties) {
    for (const [other, values] of Object.entries(def.requiredWhen ?? {})) {
      const current = options[other as PropertyName];
      if (values?.includes(String(current)) && isUnset(options[def.name])) {
        const key = `${other}=${String(current)}`;
        byCondition.set(key, [...(byCondition.get(key) ?? []), def.name]);
      }
    }
  }
  for (const [condition, missing] of byCondition) requireProperties(options, missing, condition);
}

/**
 * Throws ERR_MISSING_PROPERTY naming every property in `names` that is unset, with the fix.
 * `purpose` says who needs them ("GetOAuthAuthorizationURL", "AuthScheme=PersonalAccessToken").
 */
export function requireProperties(
  options: Partial<ConnectionOptions>,
  names: readonly PropertyName[],
  purpose: string,
): void {
  const missing = names.filter((n) => isUnset(options[n]));
  if (missing.length === 0) return;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  const add = missing.map((n) => `${n}=…`).join(';');
  throw new ConnectionStringError(
    'ERR_MISSING_PROPERTY',
    `${purpose} needs ${list}; add ${add} to the connection string.`,
    { property: missing[0], properties: missing },
  );
}
