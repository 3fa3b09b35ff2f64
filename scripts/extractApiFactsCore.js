/**
 * Turns one parsed BigCommerce OpenAPI document into the facts the tests use: its API version,
 * paths, methods, parameters, request bodies and response schemas — with prose (descriptions,
 * summaries, titles, examples, tags), security and vendor extensions removed, unreferenced
 * components dropped, and object keys sorted so the output is deterministic. $refs stay as
 * `#/…` pointers and still resolve inside the result.
 */
'use strict';

/** Keys that carry prose or tooling metadata, not facts about requests and responses. */
const PROSE = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  'tags',
  'operationId',
  'security',
  'servers',
  'headers',
  'links',
  'callbacks',
]);
/** Vendor extensions that state facts about data rather than about docs or tooling. */
const KEPT_EXTENSIONS = new Set(['x-nullable', 'x-required']);
/** Keys whose object value maps names (properties, paths, status codes …) to nodes: never strip those names. */
const MAPS = new Set([
  'properties',
  'patternProperties',
  'paths',
  'responses',
  'content',
  'schemas',
  'parameters',
  'requestBodies',
  'encoding',
  'definitions',
]);
/** Keys whose value is data (enum members, defaults), copied as is. */
const LITERALS = new Set(['enum', 'default', 'const', 'required', 'x-required', 'mapping']);
/** Component sections kept; the rest (securitySchemes, examples, headers …) is docs or auth. */
const COMPONENT_SECTIONS = ['schemas', 'parameters', 'responses', 'requestBodies'];

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k]);
  return out;
}

function dropKey(key) {
  return PROSE.has(key) || (key.startsWith('x-') && !KEPT_EXTENSIONS.has(key));
}

/** A copy of `node` without prose; `isMap` says its keys are names rather than keywords. */
function strip(node, isMap = false) {
  if (Array.isArray(node)) return node.map((n) => strip(n));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (isMap) out[key] = strip(value);
    else if (dropKey(key)) continue;
    else if (LITERALS.has(key)) out[key] = value;
    else out[key] = strip(value, MAPS.has(key) && !Array.isArray(value));
  }
  return out;
}

function unescapePointer(part) {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolve(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref} is not supported`);
  return ref
    .slice(2)
    .split('/')
    .map(unescapePointer)
    .reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

/** Every `$ref` reachable from `start`, following refs transitively through `doc`. */
function reachableRefs(doc, start) {
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      visit(resolve(doc, node.$ref));
    }
    for (const [key, value] of Object.entries(node)) if (!LITERALS.has(key)) visit(value);
  };
  visit(start);
  return seen;
}

/** Components named by a reachable ref (a ref into a component keeps the whole component). */
function keptComponents(doc, refs) {
  const out = {};
  for (const ref of refs) {
    const m = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
    if (!m) continue;
    const [, section, name] = m.map(unescapePointer);
    if (!COMPONENT_SECTIONS.includes(section)) continue;
    out[section] ??= {};
    out[section][name] = doc.components[section][name];
  }
  return out;
}

/** `v3` from a server URL ending in /v3 (BigCommerce serves each file under one version). */
function versionOf(source) {
  const url = source.servers?.[0]?.url ?? '';
  const m = /\/(v\d+)\/?$/.exec(url);
  if (!m) throw new Error(`cannot tell the API version: servers[0].url is "${url}"`);
  return m[1];
}

/** The facts of one spec document (`source` is the parsed YAML). */
function extractFacts(source) {
  const paths = strip(source.paths ?? {}, true);
  const components = strip(source.components ?? {});
  const stripped = { paths, components };
  const facts = {
    version: versionOf(source),
    paths,
    components: keptComponents(stripped, reachableRefs(stripped, paths)),
  };
  for (const ref of reachableRefs(facts, facts.paths)) {
    if (resolve(facts, ref) === undefined) throw new Error(`$ref ${ref} does not resolve after extraction`);
  }
  return sortKeys(facts);
}

module.exports = { extractFacts, strip, resolve };
