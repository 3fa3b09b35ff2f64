/**
 * BigCommerce's OpenAPI response schemas (from the facts in test/fixtures/api-facts) as ajv
 * validators, for the tests that check what the simulator answers: spec.test.ts (reads) and the
 * write tests. OpenAPI 3.0 → JSON Schema tweaks are described in spec.test.ts's header.
 */
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { loadApiFacts } from '../catalog/openapi';

type Json = Record<string, unknown>;

const KNOWN_NULLABLE: Record<string, string[]> = {
  'products_catalog.v3.yml': ['base_variant_id'],
};

/** OpenAPI 3.0 schema dialect → JSON Schema, in place. */
function toJsonSchema(node: unknown, file: string, propName?: string): void {
  if (Array.isArray(node)) {
    node.forEach((n) => toJsonSchema(n, file));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  if (propName && KNOWN_NULLABLE[file]?.includes(propName)) o.nullable = true;
  if (typeof o.exclusiveMinimum === 'boolean') delete o.exclusiveMinimum;
  if (typeof o.exclusiveMaximum === 'boolean') delete o.exclusiveMaximum;
  if (Array.isArray(o.oneOf)) {
    o.anyOf = o.oneOf;
    delete o.oneOf;
  }
  if (o.nullable === true) {
    delete o.nullable;
    if (typeof o.type === 'string') o.type = [o.type, 'null'];
    else if (o.$ref || o.allOf || o.anyOf) {
      const copy = { ...o };
      for (const k of Object.keys(o)) delete o[k];
      o.anyOf = [copy, { type: 'null' }];
    }
    if (Array.isArray(o.enum)) o.enum = [...o.enum, null];
  }
  for (const [k, v] of Object.entries(o)) {
    if (k === 'example' || k === 'examples' || k === 'x-examples') continue;
    if (k === 'properties' && v && typeof v === 'object') {
      for (const [name, sub] of Object.entries(v as Json)) toJsonSchema(sub, file, name);
    } else toJsonSchema(v, file);
  }
}

const docs = new Map<string, Json>();
export function loadDoc(file: string): Json {
  let doc = docs.get(file);
  if (!doc) {
    doc = loadApiFacts(file);
    toJsonSchema(doc.components, file);
    toJsonSchema(doc.paths, file);
    docs.set(file, doc);
  }
  return doc;
}

function pointer(parts: string[]): string {
  return '#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function resolvePointer(doc: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((o, k) => (o as Json)[k], doc);
}

/** JSON pointer (within its file) of the 200 application/json schema of GET `specPath`. */
/**
 * Responses whose schema in the spec cannot be right, checked against the schema that describes
 * them: /blog/tags is typed as an array of blogTags, and blogTags is itself the array of tags.
 */
const RESPONSE_SCHEMA_OVERRIDES: Record<string, string> = {
  'store_content.v2.yml /blog/tags': '#/components/schemas/blogTags',
};

export function responsePointer(file: string, specPath: string, method = 'get', status = '200'): string {
  const override = method === 'get' ? RESPONSE_SCHEMA_OVERRIDES[`${file} ${specPath}`] : undefined;
  if (override) return override;
  const doc = loadDoc(file);
  const op = ((doc.paths as Json)[specPath] as Json | undefined)?.[method] as Json | undefined;
  if (!op) throw new Error(`${file} has no ${method.toUpperCase()} ${specPath}`);
  let parts = ['paths', specPath, method, 'responses', status];
  let response = (op.responses as Json)[status] as Json | undefined;
  if (!response) throw new Error(`${file} documents no ${status} for ${method.toUpperCase()} ${specPath}`);
  if (response.$ref) {
    parts = (response.$ref as string).slice(2).split('/');
    response = resolvePointer(doc, response.$ref as string) as Json;
  }
  return pointer([...parts, 'content', 'application/json', 'schema']);
}

const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
addFormats(ajv);
// Formats the newer specs name that ajv-formats does not know.
ajv.addFormat('ISO-4217', /^[A-Za-z]{3}$/);
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
export function validatorFor(file: string, specPath: string, method = 'get', status = '200') {
  const key = `${file} ${method} ${specPath} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const doc = loadDoc(file);
    if (!ajv.getSchema(file)) ajv.addSchema({ ...doc, $id: file }, file);
    v = ajv.compile({ $ref: `${file}${responsePointer(file, specPath, method, status)}` });
    validators.set(key, v);
  }
  return v;
}

/** Properties of `value` that `schema` does not declare (allOf merged, any/oneOf branches unioned). */
export function undeclared(doc: Json, schema: unknown, value: unknown, at: string, out: string[]): void {
  const s = deref(doc, schema);
  if (!s || value === null || value === undefined) return;
  const branches = [...((s.allOf as unknown[]) ?? []), ...((s.anyOf as unknown[]) ?? [])];
  if (Array.isArray(value)) {
    const items = collect(doc, s, 'items');
    if (items.length > 0) value.forEach((v, i) => undeclared(doc, { anyOf: items }, v, `${at}[${i}]`, out));
    return;
  }
  if (typeof value !== 'object') return;
  const props = new Map<string, unknown[]>();
  // `additionalProperties: true` declares any property (a provider's own quote fields).
  let anyProperty = false;
  const visit = (x: unknown) => {
    const d = deref(doc, x);
    if (!d) return;
    if (d.additionalProperties === true) anyProperty = true;
    for (const [k, v] of Object.entries((d.properties as Json) ?? {}))
      props.set(k, [...(props.get(k) ?? []), v]);
    for (const b of [...((d.allOf as unknown[]) ?? []), ...((d.anyOf as unknown[]) ?? [])]) visit(b);
  };
  visit(s);
  const open = branches.length === 0 && props.size === 0; // a free-form object
  if (open || anyProperty) return;
  for (const [k, v] of Object.entries(value as Json)) {
    const decl = props.get(k);
    if (!decl) out.push(`${at}.${k}`);
    else decl.forEach((d) => undeclared(doc, d, v, `${at}.${k}`, out));
  }
}

function deref(doc: Json, x: unknown): Json | undefined {
  let cur = x as Json | undefined;
  while (cur && typeof cur.$ref === 'string') cur = resolvePointer(doc, cur.$ref) as Json;
  return cur;
}

function collect(doc: Json, s: Json, key: 'items'): unknown[] {
  const out: unknown[] = [];
  const visit = (x: unknown) => {
    const d = deref(doc, x);
    if (!d) return;
    if (d[key]) out.push(d[key]);
    for (const b of [...((d.allOf as unknown[]) ?? []), ...((d.anyOf as unknown[]) ?? [])]) visit(b);
  };
  visit(s);
  return out;
}

/** Why `body` is not what the spec documents for this answer: schema errors and undeclared properties. */
export function specProblems(
  file: string,
  specPath: string,
  method: string,
  status: number,
  body: unknown,
): string[] {
  const validate = validatorFor(file, specPath, method, String(status));
  const problems = validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const doc = loadDoc(file);
  const extra: string[] = [];
  undeclared(
    doc,
    resolvePointer(doc, responsePointer(file, specPath, method, String(status))),
    body,
    '$',
    extra,
  );
  return [...problems, ...extra.map((p) => `${p} is not declared`)];
}
