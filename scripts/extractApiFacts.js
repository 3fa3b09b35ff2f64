#!/usr/bin/env node
/**
 * Writes test/fixtures/api-facts/<spec>.json from BigCommerce's OpenAPI files, one per *.yml, so
 * the tests carry the spec facts they check against (paths, methods, parameters, request and
 * response schemas) and never read the spec folder itself, which a clone does not have.
 *
 * Usage: node scripts/extractApiFacts.js [--check] [--specs <dir>] [--out <dir>]
 *   --check   change nothing; exit 1 naming every fixture that is missing, stale or extra
 *   --specs   the spec folder (default: $BIGCOMMERCE_OPENAPI_DIR, else ../shared/bigcommerce-openapi
 *             beside the repository)
 *   --out     the fixture folder (default: test/fixtures/api-facts)
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { extractFacts } = require('./extractApiFactsCore');

const PROJECT = path.join(__dirname, '..');

function parseArgs(argv) {
  const args = {
    check: false,
    specs: process.env.BIGCOMMERCE_OPENAPI_DIR || path.join(PROJECT, '..', 'shared', 'bigcommerce-openapi'),
    out: path.join(PROJECT, 'test', 'fixtures', 'api-facts'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if ((a === '--specs' || a === '--out') && argv[i + 1]) args[a.slice(2)] = path.resolve(argv[++i]);
    else
      throw new Error(
        `unknown argument "${a}"; usage: extractApiFacts [--check] [--specs <dir>] [--out <dir>]`,
      );
  }
  return args;
}

/** fixture file name → expected contents, for every spec in `specDir`. */
function expectedFixtures(specDir) {
  // Only this script reads YAML, so yaml is a devDependency required here rather than at the top.
  const YAML = require('yaml');
  const out = new Map();
  for (const file of fs
    .readdirSync(specDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const source = YAML.parse(fs.readFileSync(path.join(specDir, file), 'utf8'), { maxAliasCount: -1 });
    if (!source || !source.paths) continue; // not an OpenAPI document
    try {
      const facts = { source: file, ...extractFacts(source) };
      out.set(file.replace(/\.ya?ml$/, '.json'), JSON.stringify(facts, null, 1) + '\n');
    } catch (e) {
      throw new Error(`${file}: ${e.message}`);
    }
  }
  return out;
}

function existingFixtures(outDir) {
  if (!fs.existsSync(outDir)) return [];
  return fs.readdirSync(outDir).filter((f) => f.endsWith('.json'));
}

/** Names of fixtures that differ from `expected` (missing, stale, or with no spec behind them). */
function differences(expected, outDir) {
  const problems = [];
  for (const [name, text] of expected) {
    const file = path.join(outDir, name);
    if (!fs.existsSync(file)) problems.push(`missing: ${name}`);
    else if (fs.readFileSync(file, 'utf8') !== text) problems.push(`stale: ${name}`);
  }
  for (const name of existingFixtures(outDir)) {
    if (!expected.has(name)) problems.push(`extra (no spec file): ${name}`);
  }
  return problems;
}

function write(expected, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of existingFixtures(outDir))
    if (!expected.has(name)) fs.unlinkSync(path.join(outDir, name));
  for (const [name, text] of expected) {
    const file = path.join(outDir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(args.specs)) {
    throw new Error(`spec folder ${args.specs} not found; pass --specs <dir> or set BIGCOMMERCE_OPENAPI_DIR`);
  }
  const expected = expectedFixtures(args.specs);
  if (expected.size === 0) throw new Error(`no OpenAPI *.yml files in ${args.specs}`);
  const rel = path.relative(process.cwd(), args.out) || '.';
  if (args.check) {
    const problems = differences(expected, args.out);
    if (problems.length > 0) {
      console.error(`API facts in ${rel} are out of date with ${args.specs}:`);
      for (const p of problems) console.error(`  ${p}`);
      console.error('Run `npm run extract-api-facts` and commit the result.');
      process.exit(1);
    }
    console.log(`API facts in ${rel} match ${expected.size} spec files.`);
    return;
  }
  write(expected, args.out);
  console.log(`Wrote API facts for ${expected.size} spec files to ${rel}.`);
}

try {
  main();
} catch (e) {
  console.error(`extract-api-facts: ${e.message}`);
  process.exit(2);
}
