#!/usr/bin/env node
/**
 * Writes src/simulator/requestSchemas.json from the API facts in test/fixtures/api-facts: the JSON
 * request body schema of every write the simulator serves, as JSON Schema (draft 2019-09), so the
 * simulator validates bodies the way BigCommerce's OpenAPI files describe them without reading
 * the fixtures or the spec folder at run time.
 *
 * OpenAPI 3.0 → JSON Schema: `nullable: true` (and `x-nullable`) adds null to the type; boolean
 * exclusiveMinimum/Maximum go; `oneOf` becomes `anyOf` (the specs use oneOf for overlapping
 * alternatives that no body can satisfy exactly once); `readOnly` is dropped, because BigCommerce
 * ignores read-only fields sent in a body rather than refusing them. `#/components/…` refs are
 * rewritten to `<spec file>#/components/…`, each spec's components being one schema of that id.
 *
 * Usage: node scripts/extractRequestSchemas.js [--check]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const PROJECT = path.join(__dirname, '..');
const FACTS = path.join(PROJECT, 'test', 'fixtures', 'api-facts');
const OUT = path.join(PROJECT, 'src', 'simulator', 'requestSchemas.json');

/** The writes the simulator serves, `METHOD /vN/path` as in the spec files (path templates). */
const SERVED = [
  'POST /v3/catalog/products',
  'PUT /v3/catalog/products',
  'PUT /v3/catalog/products/{product_id}',
  'POST /v3/catalog/products/{product_id}/variants',
  'PUT /v3/catalog/products/{product_id}/variants/{variant_id}',
  'PUT /v3/catalog/variants',
  'POST /v3/catalog/products/{product_id}/images',
  'PUT /v3/catalog/products/{product_id}/images/{image_id}',
  'POST /v3/catalog/products/{product_id}/custom-fields',
  'PUT /v3/catalog/products/{product_id}/custom-fields/{custom_field_id}',
  'POST /v3/catalog/categories',
  'PUT /v3/catalog/categories/{category_id}',
  'POST /v3/catalog/brands',
  'PUT /v3/catalog/brands/{brand_id}',
  'POST /v3/customers',
  'PUT /v3/customers',
  'POST /v3/customers/addresses',
  'PUT /v3/customers/addresses',
  'POST /v2/customer_groups',
  'PUT /v2/customer_groups/{customer_group_id}',
  'POST /v2/orders',
  'PUT /v2/orders/{order_id}',
  'PUT /v2/orders/{order_id}/shipping_addresses/{id}',
  'POST /v2/orders/{order_id}/shipments',
  'PUT /v2/orders/{order_id}/shipments/{shipment_id}',
  'POST /v2/coupons',
  'PUT /v2/coupons/{id}',
  'POST /v3/pricelists',
  'PUT /v3/pricelists/{price_list_id}',
  'PUT /v3/pricelists/{price_list_id}/records',
  'POST /v3/pricelists/{price_list_id}/records',
];

function toJsonSchema(node, file) {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, file));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'readOnly' || key === 'nullable' || key === 'x-nullable' || key === 'x-required') continue;
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.startsWith('#') ? file + value : value;
    else if (key === 'enum' || key === 'default' || key === 'required') out[key] = value;
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = {};
      for (const [name, sub] of Object.entries(value)) out.properties[name] = toJsonSchema(sub, file);
    } else out[key === 'oneOf' ? 'anyOf' : key] = toJsonSchema(value, file);
  }
  if (node.nullable === true || node['x-nullable'] === true) return nullable(out);
  return out;
}

function nullable(schema) {
  if (typeof schema.type === 'string') {
    const out = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function refsIn(node, into) {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, into));
  else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') into.add(node.$ref);
    for (const [k, v] of Object.entries(node)) if (k !== 'enum') refsIn(v, into);
  }
  return into;
}

/** The components of `facts` reachable from `start`, transitively. */
function reachable(facts, start) {
  const kept = {};
  const todo = [...refsIn(start, new Set())];
  while (todo.length > 0) {
    const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(todo.pop());
    if (!m || kept[m[1]]?.[m[2]]) continue;
    const node = facts.components[m[1]][m[2]];
    (kept[m[1]] ??= {})[m[2]] = node;
    todo.push(...refsIn(node, new Set()));
  }
  return kept;
}

function build() {
  const requests = {};
  const components = {};
  for (const name of fs.readdirSync(FACTS).sort()) {
    const facts = JSON.parse(fs.readFileSync(path.join(FACTS, name), 'utf8'));
    const file = facts.source;
    const mine = {};
    for (const [p, ops] of Object.entries(facts.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} /${facts.version}${p}`;
        const schema = op?.requestBody?.content?.['application/json']?.schema;
        if (!SERVED.includes(key) || !schema) continue;
        requests[key] = toJsonSchema(schema, file);
        Object.assign(mine, { [key]: schema });
      }
    }
    if (Object.keys(mine).length === 0) continue;
    components[file] = { $id: file, components: toJsonSchema(reachable(facts, mine), file) };
  }
  const missing = SERVED.filter((k) => !requests[k]);
  if (missing.length > 0)
    throw new Error(`no JSON request schema in the API facts for: ${missing.join(', ')}`);
  return JSON.stringify({ components, requests }, null, 1) + '\n';
}

function main() {
  const text = build();
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error(
        `${path.relative(PROJECT, OUT)} is out of date; run \`npm run extract-request-schemas\`.`,
      );
      process.exit(1);
    }
    console.log(`${path.relative(PROJECT, OUT)} matches the API facts.`);
    return;
  }
  if (current !== text) fs.writeFileSync(OUT, text);
  console.log(
    `Wrote ${Object.keys(JSON.parse(text).requests).length} request schemas to ${path.relative(PROJECT, OUT)}.`,
  );
}

try {
  main();
} catch (e) {
  console.error(`extract-request-schemas: ${e.message}`);
  process.exit(2);
}
