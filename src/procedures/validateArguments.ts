/**
 * Checks bound procedure arguments against the procedure's parameter schema (ajv, compiled once
 * per procedure) and fills defaults. Runs before any handler, so bad input never costs an HTTP
 * request. Values of writeOnly (secret) parameters are never echoed.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ProcedureDef } from '../catalog/types';
import { SqlError } from '../errors';

const ajv = new Ajv({ useDefaults: true, coerceTypes: true, allErrors: true, strict: false });
addFormats(ajv);

const compiled = new WeakMap<ProcedureDef, ValidateFunction>();

function validatorFor(def: ProcedureDef): ValidateFunction {
  let v = compiled.get(def);
  if (!v) {
    v = ajv.compile(def.parameters);
    compiled.set(def, v);
  }
  return v;
}

type PropSchema = Record<string, unknown>;

/** Returns a new object: NULL and blank optional values dropped, enums canonical, defaults filled. */
export function validateArguments(
  def: ProcedureDef,
  bound: Record<string, unknown>,
): Record<string, unknown> {
  const props = def.parameters.properties;
  const required = new Set(def.parameters.required ?? []);
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(bound)) {
    // NULL and '' mean "not given", so an optional parameter falls back to its default.
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (required.has(name))
        throw missing(def, name, value === null || value === undefined ? 'NULL' : 'blank');
      continue;
    }
    args[name] = canonicalEnum(props[name], value);
  }
  for (const name of required) {
    if (!(name in args) && props[name]?.default === undefined) throw missing(def, name, 'missing');
  }
  const validate = validatorFor(def);
  if (!validate(args)) {
    const err = (validate.errors ?? [])[0];
    throw invalid(def, err, args);
  }
  return args;
}

/** `'web'` → `'WEB'` when the schema's enum has it in another case. */
function canonicalEnum(schema: PropSchema | undefined, value: unknown): unknown {
  const allowed = schema?.enum;
  if (!Array.isArray(allowed) || typeof value !== 'string') return value;
  const hit = allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.trim().toLowerCase());
  return hit ?? value;
}

function missing(def: ProcedureDef, name: string, how: 'NULL' | 'blank' | 'missing'): SqlError {
  const schema = def.parameters.properties[name];
  const what = how === 'missing' ? 'is required' : `is required but was ${how}`;
  return new SqlError(
    'ERR_MISSING_PARAMETER',
    `${def.name}: parameter ${name} ${what}; pass it as ${name}='…' (${schema?.description ?? 'see the procedure description'})`,
    { property: name },
  );
}

function invalid(def: ProcedureDef, err: ErrorObject | undefined, args: Record<string, unknown>): SqlError {
  const name =
    (err?.instancePath ?? '').replace(/^\//, '').split('/')[0] || String(err?.params?.missingProperty ?? '');
  const schema = def.parameters.properties[name] as PropSchema | undefined;
  if (err?.keyword === 'required') return missing(def, name, 'missing');
  const secret = schema?.writeOnly === true;
  const shown = secret || !(name in args) ? '' : ` (got ${JSON.stringify(args[name])})`;
  let rule: string;
  if (err?.keyword === 'enum' && Array.isArray(schema?.enum)) {
    rule = `must be one of ${(schema.enum as unknown[]).map(String).join(', ')}`;
  } else {
    rule = err?.message ?? 'is not valid';
  }
  return new SqlError('ERR_INVALID_PARAMETER_VALUE', `${def.name}: parameter ${name} ${rule}${shown}`, {
    property: name,
  });
}
