/**
 * Request bodies checked against BigCommerce's OpenAPI request schemas (generated into
 * requestSchemas.json by scripts/extractRequestSchemas.js), so a body BigCommerce would refuse is
 * refused here too, with the field at fault named.
 */
import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import generated from '../requestSchemas.json';

interface Generated {
  components: Record<string, object>;
  requests: Record<string, object>;
}

const schemas = generated as Generated;
let ajv: Ajv2019 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(key: string): ValidateFunction {
  let fn = compiled.get(key);
  if (fn) return fn;
  const schema = schemas.requests[key];
  if (!schema) throw new Error(`no request schema for ${key}`);
  if (!ajv) {
    // strict: false, because the specs carry keywords JSON Schema does not know; their patterns
    // are written for JavaScript regexps without the u flag (`[\ -]`).
    ajv = new Ajv2019({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
    addFormats(ajv);
    ajv.addFormat('ISO-4217', /^[A-Za-z]{3}$/);
    for (const c of Object.values(schemas.components)) ajv.addSchema(c);
  }
  fn = ajv.compile(schema);
  compiled.set(key, fn);
  return fn;
}

/** `data/0/price` → `0.price`; the whole body → `body`. */
function fieldOf(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing =
    e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : '';
  return [base, missing].filter((s) => s.length > 0).join('.') || 'body';
}

/**
 * Field → message for every way `body` breaks the schema of `key` (`PUT /v3/catalog/products`);
 * empty when it is valid. anyOf branches report their own errors too, so those are left out
 * unless nothing else explains the failure. `partial`: the body changes some fields of one
 * record (a PUT to its path), so fields the schema requires of a whole record may be absent —
 * the specs share one schema between POST and PUT.
 */
export function bodyErrors(key: string, body: unknown, partial = false): Record<string, string> {
  const fn = validator(key);
  if (fn(body)) return {};
  const all = (fn.errors ?? []).filter((e) => !(partial && e.keyword === 'required'));
  if (all.length === 0) return {};
  const plain = all.filter((e) => e.keyword !== 'anyOf' && !e.schemaPath.includes('/anyOf/'));
  const out: Record<string, string> = {};
  for (const e of plain.length > 0 ? plain : all) out[fieldOf(e)] ??= e.message ?? 'is not valid';
  return out;
}

/** Whether the simulator has a request schema for this write. */
export function hasBodySchema(key: string): boolean {
  return key in schemas.requests;
}
