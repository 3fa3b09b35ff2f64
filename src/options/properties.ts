/**
 * The connection-property catalogue: schemas/connection-properties.json, validated against
 * schemas/meta/connection-properties.schema.json when this module loads. Everything that knows
 * about properties (parser, resolver, sys_connection_props, CLI, README) reads it from here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { CatalogError } from '../errors';
import type { ConnectionOptions, PropertyName } from './types';

export type PropertyType = 'string' | 'integer' | 'boolean' | 'enum';
export type PropertyGroup =
  'Authentication' | 'OAuth' | 'Connection' | 'Logging' | 'Performance' | 'Caching' | 'Miscellaneous';
export type PropertyValue = string | number | boolean;

export interface ConnectionPropertyDef {
  name: PropertyName;
  group: PropertyGroup;
  type: PropertyType;
  /** Value used when no source sets the property; absent = stays unset. */
  default?: PropertyValue;
  /** Prose for a default that another module computes (the value itself stays unset). */
  defaultDescription?: string;
  /** Allowed values of an enum, in canonical spelling. */
  values?: string[];
  /** Other accepted spellings → canonical value (matched case-insensitively). */
  valueAliases?: Record<string, string>;
  secret: boolean;
  description: string;
  min?: number;
  max?: number;
  /** Environment variable read as a fallback (BIGCOMMERCE_<UPPERCASE NAME>). */
  env?: string;
  /**
   * url: an http(s) URL kept as written; base-url: the same with trailing slashes removed;
   * store-hash: letters, digits, - and _ (it becomes a URL path segment).
   */
  format?: 'url' | 'base-url' | 'store-hash';
  /** This property must be set when the named property has one of these values. */
  requiredWhen?: Partial<Record<PropertyName, string[]>>;
}

/** What secret values are replaced with wherever they are shown. */
export const SECRET_MASK = '********';

// Resolved relative to this file so it works from src/ (ts-jest) and dist/ (compiled) alike.
const SCHEMAS_DIR = path.join(__dirname, '..', '..', 'schemas');
const CATALOGUE_FILE = path.join(SCHEMAS_DIR, 'connection-properties.json');
const META_SCHEMA_FILE = path.join(SCHEMAS_DIR, 'meta', 'connection-properties.schema.json');

let validator: ValidateFunction | undefined;

function metaValidator(): ValidateFunction {
  if (!validator) {
    const meta = JSON.parse(fs.readFileSync(META_SCHEMA_FILE, 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
      meta,
    );
  }
  return validator;
}

/**
 * Validates a parsed catalogue (the JSON file's contents) and returns its properties. Every
 * problem — schema violations and the cross-field rules JSON Schema can't express — is
 * collected and reported in one CatalogError (ERR_CATALOG).
 */
export function loadConnectionProperties(json: unknown, source = CATALOGUE_FILE): ConnectionPropertyDef[] {
  const validate = metaValidator();
  if (!validate(json)) {
    throw catalogError(
      source,
      (validate.errors ?? []).map((e) => describeAjvError(e, json)),
    );
  }
  const defs = (json as { properties: ConnectionPropertyDef[] }).properties;
  const problems = crossFieldProblems(defs);
  if (problems.length > 0) throw catalogError(source, problems);
  return defs;
}

function catalogError(source: string, problems: string[]): CatalogError {
  const list = problems.map((p) => `  - ${p}`).join('\n');
  return new CatalogError(
    'ERR_CATALOG',
    `${source} is not a valid connection-property catalogue (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}\nFix the file so it matches schemas/meta/connection-properties.schema.json.`,
    { file: source, problems },
  );
}

function describeAjvError(e: ErrorObject, json: unknown): string {
  // Name the property an entry is about, not just its array index, so the message is actionable.
  const m = /^\/properties\/(\d+)(.*)$/.exec(e.instancePath);
  let where = e.instancePath || '(root)';
  if (m) {
    const entry = (json as { properties: { name?: unknown }[] }).properties[Number(m[1])];
    const name = typeof entry?.name === 'string' ? ` (${entry.name})` : '';
    where = `properties[${m[1]}]${name}${m[2].replace(/\//g, '.')}`;
  }
  const extra =
    e.keyword === 'additionalProperties'
      ? ` "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
      : e.keyword === 'enum'
        ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
        : '';
  return `${where} ${e.message ?? 'is invalid'}${extra}`;
}

function crossFieldProblems(defs: ConnectionPropertyDef[]): string[] {
  const problems: string[] = [];
  const byLower = new Map<string, ConnectionPropertyDef>();
  for (const d of defs) {
    const key = d.name.toLowerCase();
    if (byLower.has(key)) problems.push(`${d.name} is declared more than once (names are case-insensitive)`);
    byLower.set(key, d);
  }
  for (const d of defs) {
    const p = (msg: string) => problems.push(`${d.name}: ${msg}`);
    const values = d.values ?? [];
    if (d.type === 'enum' && d.default !== undefined && !values.includes(String(d.default))) {
      p(`default "${String(d.default)}" is not one of values (${values.join(', ')})`);
    }
    for (const [alias, target] of Object.entries(d.valueAliases ?? {})) {
      if (!values.includes(target))
        p(`value alias "${alias}" maps to "${target}", which is not one of values`);
    }
    if (d.min !== undefined && d.max !== undefined && d.min > d.max)
      p(`min ${d.min} is greater than max ${d.max}`);
    if (typeof d.default === 'number') {
      if (d.min !== undefined && d.default < d.min) p(`default ${d.default} is below min ${d.min}`);
      if (d.max !== undefined && d.default > d.max) p(`default ${d.default} is above max ${d.max}`);
    }
    if (d.env !== undefined && d.env !== envName(d.name)) p(`env must be ${envName(d.name)}, not ${d.env}`);
    if (isUrlFormat(d) && typeof d.default === 'string' && !isHttpUrl(d.default)) {
      p(`default "${d.default}" is not an http(s) URL`);
    }
    if (d.secret && d.default !== undefined) p('a secret property cannot have a default');
    for (const [other, when] of Object.entries(d.requiredWhen ?? {})) {
      const o = byLower.get(other.toLowerCase());
      if (!o || o.name !== other) p(`requiredWhen names unknown property "${other}"`);
      else if (o.type === 'enum') {
        for (const v of when ?? []) {
          if (!o.values?.includes(v)) p(`requiredWhen ${other} value "${v}" is not one of ${other}'s values`);
        }
      }
    }
  }
  return problems;
}

/** The environment variable a property is read from: BIGCOMMERCE_<UPPERCASE NAME>. */
export function envName(name: string): string {
  return `BIGCOMMERCE_${name.toUpperCase()}`;
}

export function isUrlFormat(def: Pick<ConnectionPropertyDef, 'format'>): boolean {
  return def.format === 'url' || def.format === 'base-url';
}

/** A store hash goes into every API URL as a path segment, so only these characters are allowed. */
export function isStoreHash(value: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(value);
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Every connection property, in catalogue order. */
export const connectionProperties: readonly ConnectionPropertyDef[] = loadConnectionProperties(
  JSON.parse(fs.readFileSync(CATALOGUE_FILE, 'utf8')),
);

// A Map, not an object: user-typed names such as "constructor" must not hit Object.prototype.
const byLowerName = new Map(connectionProperties.map((d) => [d.name.toLowerCase(), d]));

/** Canonical property names, in catalogue order. */
export const propertyNames: readonly PropertyName[] = connectionProperties.map((d) => d.name);

/** Case-insensitive lookup by property name. */
export function findProperty(name: string): ConnectionPropertyDef | undefined {
  return byLowerName.get(name.trim().toLowerCase());
}

export function isSecretProperty(name: string): boolean {
  return findProperty(name)?.secret === true;
}

/** The value to show for a property: the mask for a set secret, the value otherwise. */
export function maskSecret<T>(name: string, value: T): T | string {
  return isSecretProperty(name) && value !== undefined && value !== null && value !== ''
    ? SECRET_MASK
    : value;
}

/** A copy of a name → value map with every secret property's value masked. */
export function maskSecrets<T extends Record<string, unknown>>(values: T): Record<keyof T, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = maskSecret(k, v);
  return out as Record<keyof T, unknown>;
}

/** The secret values set in resolved options, for Logger.addSecret(). */
export function secretValues(options: Partial<ConnectionOptions>): string[] {
  const out: string[] = [];
  for (const d of connectionProperties) {
    const v = options[d.name];
    if (d.secret && typeof v === 'string' && v !== '') out.push(v);
  }
  return out;
}

export interface PropertyDescription {
  name: PropertyName;
  /** The resolved value; secrets show SECRET_MASK when set; null when unset. */
  value: PropertyValue | null;
  /** The catalogue default, or null when there is none (see defaultDescription). */
  default: PropertyValue | null;
  defaultDescription: string | null;
  type: PropertyType;
  /** Allowed values of an enum, else null. */
  values: string[] | null;
  group: PropertyGroup;
  description: string;
  secret: boolean;
}

/** One row per property, for sys_connection_props and the CLI's \conn. Secrets are masked. */
export function describeOptions(options: Partial<ConnectionOptions>): PropertyDescription[] {
  return connectionProperties.map((d) => {
    const raw = options[d.name];
    const value = raw === undefined || raw === null ? null : (maskSecret(d.name, raw) as PropertyValue);
    return {
      name: d.name,
      value,
      default: d.default ?? null,
      defaultDescription: d.defaultDescription ?? null,
      type: d.type,
      values: d.values ? [...d.values] : null,
      group: d.group,
      description: d.description,
      secret: d.secret,
    };
  });
}
