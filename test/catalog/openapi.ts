/**
 * Reads the facts of BigCommerce's OpenAPI specs that `npm run extract-api-facts` keeps in
 * test/fixtures/api-facts (paths, parameters, schemas; one file per spec) and answers the questions
 * the catalog tests ask: which list endpoint serves a path, which query parameters it lists, and
 * whether a dotted field path exists in its records.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FACTS_DIR = path.resolve(__dirname, '../fixtures/api-facts');

type Schema = Record<string, unknown>;

export interface Endpoint {
  file: string;
  /** Path as the spec writes it, without the /vN server prefix. */
  specPath: string;
  params: Map<string, Schema>;
  /** The response schema of the 200 answer, $refs resolved at the top. */
  response: Schema;
  doc: Schema;
}

interface SpecFile {
  file: string;
  version: string;
  doc: Schema;
}

/** A fresh copy of the facts of one spec file (`products_catalog.v3.yml`), safe to change in place. */
export function loadApiFacts(specFile: string): Schema {
  const file = path.join(FACTS_DIR, specFile.replace(/\.ya?ml$/, '.json'));
  if (!fs.existsSync(file)) throw new Error(`no API facts for ${specFile}: run npm run extract-api-facts`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
}

let specs: SpecFile[] | undefined;

function loadSpecs(): SpecFile[] {
  specs ??= fs
    .readdirSync(FACTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((name) => {
      const doc = loadApiFacts(name);
      return { file: String(doc.source), version: String(doc.version), doc };
    });
  return specs;
}

/** `/catalog/products/{product_id}/variants` and `/catalog/products/{ProductId}/variants` compare equal. */
function shape(p: string): string {
  return p.replace(/\{[^}]*\}/g, '{}');
}

export function deref(doc: Schema, node: unknown): Schema {
  let n = node as Schema | undefined;
  for (let guard = 0; n && typeof n.$ref === 'string' && guard < 50; guard++) {
    const parts = (n.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    n = parts.reduce<unknown>((acc, k) => (acc as Schema)[k], doc) as Schema;
  }
  return n ?? {};
}

/** Properties of an object schema, merging allOf / oneOf / anyOf branches. */
export function propertiesOf(doc: Schema, node: unknown): Map<string, Schema> {
  const s = deref(doc, node);
  const out = new Map<string, Schema>();
  for (const [k, v] of Object.entries((s.properties as Schema | undefined) ?? {})) out.set(k, v as Schema);
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const branch of (s[key] as unknown[] | undefined) ?? []) {
      for (const [k, v] of propertiesOf(doc, branch)) if (!out.has(k)) out.set(k, v);
    }
  }
  return out;
}

/** The schema's type, looking through $ref and composition. */
export function typeOf(doc: Schema, node: unknown): string | undefined {
  const s = deref(doc, node);
  if (typeof s.type === 'string') return s.type;
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const branch of (s[key] as unknown[] | undefined) ?? []) {
      const t = typeOf(doc, branch);
      if (t) return t;
    }
  }
  return propertiesOf(doc, s).size > 0 ? 'object' : undefined;
}

function itemsOf(doc: Schema, node: unknown): unknown {
  const s = deref(doc, node);
  if (s.items) return s.items;
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const branch of (s[key] as unknown[] | undefined) ?? []) {
      const i = itemsOf(doc, branch);
      if (i) return i;
    }
  }
  return undefined;
}

/** The GET operation serving `apiPath` (`/v3/catalog/products/{Id}`), or undefined. */
export function findEndpoint(apiPath: string): Endpoint | undefined {
  const m = /^\/(v\d)(\/.*)$/.exec(apiPath);
  if (!m) return undefined;
  const [, version, rest] = m;
  for (const spec of loadSpecs()) {
    if (spec.version !== version) continue;
    const paths = spec.doc.paths as Record<string, Schema>;
    const specPath = Object.keys(paths).find((p) => shape(p) === shape(rest) && paths[p].get);
    if (!specPath) continue;
    const item = paths[specPath];
    const op = item.get as Schema;
    const params = new Map<string, Schema>();
    for (const p of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
      const d = deref(spec.doc, p);
      if (d.in === 'query') params.set(String(d.name), d);
    }
    const responses = op.responses as Record<string, unknown>;
    const ok = deref(spec.doc, responses['200'] ?? responses[200]);
    const content = ok.content as Record<string, { schema: unknown }> | undefined;
    const response = deref(spec.doc, content ? content['application/json'].schema : ok.schema);
    return { file: spec.file, specPath, params, response, doc: spec.doc };
  }
  return undefined;
}

/** The schema of one record: `data[]` items for v3, array items for v2, the object itself otherwise. */
export function recordSchema(ep: Endpoint, records?: string): unknown {
  let node: unknown = ep.response;
  for (const step of records ? records.split('.') : []) node = propertiesOf(ep.doc, node).get(step);
  const items = typeOf(ep.doc, node) === 'array' ? itemsOf(ep.doc, node) : undefined;
  // store_content.v2.yml types /blog/tags as an array of blogTags, itself an array of tags:
  // a list of lists of records is read as the list of records it means.
  if (items && typeOf(ep.doc, items) === 'array') return itemsOf(ep.doc, items);
  return items ?? node;
}

/** The schema at a dotted path inside a record schema, or undefined when a step is missing. */
export function fieldAt(ep: Endpoint, record: unknown, dotted: string): Schema | undefined {
  let node: unknown = record;
  for (const step of dotted.split('.')) {
    const next = propertiesOf(ep.doc, node).get(step);
    if (!next) return undefined;
    node = next;
  }
  return deref(ep.doc, node);
}

/**
 * The schema a column's source reads: a field of the endpoint's record, of an element of the
 * table's `unnest` array, or (`$owner.…`) of the listed record an unnested row comes from.
 */
export function sourceSchema(
  ep: Endpoint,
  table: { api: { records?: string }; unnest?: string },
  source: string,
): Schema | undefined {
  const record = recordSchema(ep, table.api.records);
  if (source.startsWith('$owner.')) return fieldAt(ep, record, source.slice('$owner.'.length));
  if (!table.unnest) return fieldAt(ep, record, source);
  const list = fieldAt(ep, record, table.unnest);
  const item = list ? itemsOf(ep.doc, list) : undefined;
  return item ? fieldAt(ep, item, source) : undefined;
}

/** A write operation of the specs: its query parameters and the schema of its JSON request body. */
export interface WriteEndpoint {
  params: Set<string>;
  /** The request body schema ($refs resolved at the top); undefined when it takes none. */
  body?: Schema;
  doc: Schema;
}

/** The `method` operation serving `apiPath` (`PUT /v3/catalog/products`), or undefined. */
export function findWriteEndpoint(method: string, apiPath: string): WriteEndpoint | undefined {
  const m = /^\/(v\d)(\/.*)$/.exec(apiPath);
  if (!m) return undefined;
  const verb = method.toLowerCase();
  for (const spec of loadSpecs()) {
    if (spec.version !== m[1]) continue;
    const paths = spec.doc.paths as Record<string, Schema>;
    const specPath = Object.keys(paths).find((p) => shape(p) === shape(m[2]) && paths[p][verb]);
    if (!specPath) continue;
    const item = paths[specPath];
    const op = item[verb] as Schema;
    const params = new Set<string>();
    let body: Schema | undefined;
    for (const p of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
      const d = deref(spec.doc, p);
      if (d.in === 'query') params.add(String(d.name));
      if (d.in === 'body') body = deref(spec.doc, d.schema);
    }
    const content = deref(spec.doc, op.requestBody).content as
      Record<string, { schema: unknown }> | undefined;
    if (content?.['application/json']) body = deref(spec.doc, content['application/json'].schema);
    return { params, body, doc: spec.doc };
  }
  return undefined;
}

/** Top-level fields a request body takes: an object's properties, or an array's items'. */
export function bodyFields(ep: WriteEndpoint): Set<string> {
  if (!ep.body) return new Set();
  const node = typeOf(ep.doc, ep.body) === 'array' ? itemsOf(ep.doc, ep.body) : ep.body;
  return new Set(propertiesOf(ep.doc, node).keys());
}

/** Top-level fields a request body requires (an array body: each item's), through allOf. */
export function requiredBodyFields(ep: WriteEndpoint): string[] {
  if (!ep.body) return [];
  const node = typeOf(ep.doc, ep.body) === 'array' ? itemsOf(ep.doc, ep.body) : ep.body;
  const collect = (n: unknown, depth: number): string[] => {
    const s = deref(ep.doc, n);
    const own = Array.isArray(s.required) ? (s.required as string[]) : [];
    const branches = depth < 5 ? ((s.allOf as unknown[] | undefined) ?? []) : [];
    return [...own, ...branches.flatMap((b) => collect(b, depth + 1))];
  };
  return [...new Set(collect(node, 0))];
}
