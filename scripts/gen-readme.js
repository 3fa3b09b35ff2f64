#!/usr/bin/env node
/**
 * Regenerates the reference sections of README.md, and the whole of docs/tables.md, from the
 * data files, so the docs cannot drift from what the code loads:
 *   connection-properties  ← schemas/connection-properties.json
 *   procedures             ← procedures/*.json
 *   tables                 ← schemas/tables/*.json (README: one line per table; docs/tables.md:
 *                            a section per table with columns, keys, filters and endpoint)
 * Each README section lives between `<!-- BEGIN GENERATED: name -->` and
 * `<!-- END GENERATED: name -->`; the prose around the markers is left alone. Both files are run
 * through prettier (with the project's config), so the output is exactly what `prettier --check`
 * expects.
 *
 * Usage: node scripts/gen-readme.js [--check] [--readme <path>] [--root <dir>]
 *   --check   exit 1 (and change nothing) if README.md or docs/tables.md is not up to date
 *   --readme  the README to update (default: the project's README.md); the table reference is
 *             docs/tables.md next to it
 *   --root    read schemas/ and procedures/ under this folder (default: the project)
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const PROJECT = path.join(__dirname, '..');
// Where schemas/ and procedures/ are read from; --root points it elsewhere (tests use fixtures).
let ROOT = PROJECT;
const SECTIONS = ['connection-properties', 'procedures', 'tables'];

const begin = (name) => `<!-- BEGIN GENERATED: ${name} -->`;
const end = (name) => `<!-- END GENERATED: ${name} -->`;

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${path.relative(ROOT, file)}: ${e.message}`);
  }
}

function readJsonDir(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(path.join(dir, f)));
}

/** Text safe inside a table cell: one line, pipes escaped. */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
}

/** An inline code span, widened with extra backticks when the text itself has some. */
/** A filter mapping (see TableDef.filters): its parameter(s), marked when declared looser than SQL. */
function mappingText(mapping) {
  if (typeof mapping === 'string') return code(mapping);
  const params = [].concat(mapping.param).join(',');
  return mapping.exact === false ? `${code(params)} (looser)` : code(params);
}

function code(value) {
  const text = String(value);
  const runs = text.match(/`+/g) || [];
  const fence = '`'.repeat(runs.reduce((m, r) => Math.max(m, r.length), 0) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(headers, rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---- connection properties -------------------------------------------------------------

function propertyType(p) {
  let type = p.type;
  if (p.type === 'enum') type = p.values.map(code).join(', ');
  if (p.type === 'integer' && (p.min !== undefined || p.max !== undefined)) {
    if (p.min !== undefined && p.max !== undefined) type += ` (${p.min}–${p.max})`;
    else if (p.min !== undefined) type += ` (≥ ${p.min})`;
    else type += ` (≤ ${p.max})`;
  }
  if (p.format === 'url' || p.format === 'base-url') type += ' (URL)';
  if (p.secret) type += ', secret';
  return type;
}

function propertyDefault(p) {
  if (p.default !== undefined) return code(p.default);
  if (p.defaultDescription) return p.defaultDescription;
  return '';
}

function propertyDescription(p) {
  const aliases = Object.entries(p.valueAliases || {}).map(
    ([alias, value]) => `"${alias}" for ${code(value)}`,
  );
  return aliases.length ? `${p.description} Also accepted: ${aliases.join(', ')}.` : p.description;
}

function connectionPropertiesSection() {
  const { properties } = readJson(path.join(ROOT, 'schemas', 'connection-properties.json'));
  const groups = [...new Set(properties.map((p) => p.group))];
  const out = [
    'Property names are case-insensitive. Each property can also be set through the environment variable shown, which the connection string and the options object override.',
  ];
  for (const group of groups) {
    out.push(`### ${group}`);
    out.push(
      table(
        ['Property', 'Type', 'Default', 'Environment variable', 'Description'],
        properties
          .filter((p) => p.group === group)
          .map((p) => [
            code(p.name),
            propertyType(p),
            propertyDefault(p),
            p.env ? code(p.env) : '',
            propertyDescription(p),
          ]),
      ),
    );
  }
  return out.join('\n\n');
}

// ---- procedures ------------------------------------------------------------------------

function parameterType(schema) {
  return schema.writeOnly ? `${schema.type}, secret` : schema.type;
}

function proceduresSection() {
  const procedures = readJsonDir(path.join(ROOT, 'procedures')).sort((a, b) => a.name.localeCompare(b.name));
  const out = [];
  for (const proc of procedures) {
    out.push(`### ${proc.name}`);
    out.push(proc.description);
    const params = Object.entries(proc.parameters.properties || {});
    const required = new Set(proc.parameters.required || []);
    if (params.length) {
      out.push('Parameters:');
      out.push(
        table(
          ['Parameter', 'Type', 'Required', 'Default', 'Allowed values', 'Description'],
          params.map(([name, s]) => [
            code(name),
            parameterType(s),
            required.has(name) ? 'yes' : 'no',
            s.default !== undefined ? code(s.default) : '',
            s.enum ? s.enum.map(code).join(', ') : '',
            s.description,
          ]),
        ),
      );
    } else {
      out.push('Takes no parameters.');
    }
    out.push('Result columns:');
    out.push(
      table(
        ['Column', 'Type', 'Description'],
        proc.result.map((c) => [code(c.name), c.type, c.description]),
      ),
    );
  }
  return out.join('\n\n');
}

// ---- tables ----------------------------------------------------------------------------

function apiLine(t) {
  const parts = [`API: \`GET ${t.api.path}\``];
  if (t.api.pagination && t.api.pagination !== 'none') {
    parts.push(
      `paged (${t.api.pagination}${t.api.maxPageSize ? `, up to ${t.api.maxPageSize} per page` : ''})`,
    );
  }
  if (t.api.scope) parts.push(`scope ${code(t.api.scope)}`);
  if (t.api.includeFields) parts.push('asks only for the fields a statement reads (`include_fields`)');
  return `${parts.join(', ')}.`;
}

function readTables() {
  return readJsonDir(path.join(ROOT, 'schemas', 'tables')).sort((a, b) => a.name.localeCompare(b.name));
}

/** GitHub's anchor for a `### Name` heading. */
const anchor = (name) => name.toLowerCase();
const TABLES_DOC = 'docs/tables.md';

/** README: one line per table, linking to its section of docs/tables.md. */
function tablesSection() {
  const tables = readTables();
  if (tables.length === 0) return '';
  return [
    `${tables.length} tables and views; [${TABLES_DOC}](${TABLES_DOC}) has each one's columns, keys, pushed-down filters and endpoint.`,
    tables
      .map(
        (t) =>
          `- [${t.name}](${TABLES_DOC}#${anchor(t.name)})${t.type === 'VIEW' ? ' (view)' : ''}${t.write ? ` (${writeKinds(t).join(', ')})` : ''}: ${cell(t.description)}`,
      )
      .join('\n'),
  ].join('\n\n');
}

function keysLine(t) {
  const facts = [];
  if (t.primaryKey && t.primaryKey.length) facts.push(`Primary key: ${t.primaryKey.map(code).join(', ')}.`);
  if (t.parent) {
    facts.push(
      `Child of [${t.parent.table}](#${anchor(t.parent.table)}): ${code(t.parent.column)} refers to ${code(`${t.parent.table}.${t.parent.parentColumn}`)}` +
        (t.parent.pathKeys
          ? '.'
          : `; WHERE ${code(t.parent.column)} = … or IN (…) reads only those parents' children, otherwise every parent's.`),
    );
    for (const [column, parentColumn] of Object.entries(t.parent.pathKeys || {})) {
      facts.push(
        `The path also takes ${code(column)} (the parent's ${code(parentColumn)}): with ${code(t.parent.column)} and ${code(column)} both in WHERE (= or IN) each pair costs one request; with ${code(column)} alone the parent's rows for it are listed first, otherwise every parent's.`,
      );
    }
  }
  if (t.lookup) {
    facts.push(
      `Lookup only: the API has no list, so WHERE must give ${code(t.lookup.column)} = … or IN (…) (one request per value); without it the query fails with ERR_KEY_REQUIRED.`,
    );
  }
  const refs = t.columns.filter((c) => c.references);
  if (refs.length) {
    facts.push(
      `Foreign keys: ${refs.map((c) => `${code(c.name)} → [${c.references.table}](#${anchor(c.references.table)}).${code(c.references.column)}`).join(', ')}.`,
    );
  }
  return facts.join(' ');
}

function writeKinds(t) {
  return ['insert', 'update', 'delete'].filter((k) => t.write[k]).map((k) => k.toUpperCase());
}

/** What INSERT, UPDATE and DELETE send, and which columns they may set. */
function writeLines(t) {
  if (!t.write) return ['Read-only: BigCommerce offers no writes for it.'];
  const ops = ['insert', 'update', 'delete']
    .filter((k) => t.write[k])
    .map((k) => {
      const op = t.write[k];
      const per = op.idParam
        ? `up to ${op.batchSize} keys per request in ${code(op.idParam)}`
        : op.body === 'array'
          ? `up to ${op.batchSize} rows per request`
          : 'one request per row';
      const carry = op.carry
        ? `, each body carrying ${op.carry.map(code).join(', ')} (the API requires them)`
        : '';
      return `${k.toUpperCase()}: \`${op.method} ${op.path}\`, ${per}${carry}.`;
    });
  const writable = t.columns.filter((c) => c.readOnly === false).map((c) => code(c.name));
  const required = (t.write.required || []).map(code);
  return [
    ops.join(' '),
    `Writable columns: ${writable.join(', ') || 'none'}.${required.length ? ` INSERT must give ${required.join(', ')}.` : ''} The other columns are read-only.`,
  ];
}

function tableSection(t) {
  const out = [`### ${t.name}`, t.description];
  const facts = [apiLine(t)];
  if (t.unnest) facts.push(`One row per element of each record's ${code(t.unnest)} array.`);
  if (t.get) facts.push(`By key: \`GET ${t.get.path}\`.`);
  out.push(facts.join(' '));
  const keys = keysLine(t);
  if (keys) out.push(keys);
  out.push(...writeLines(t));
  out.push(
    table(
      ['Name', 'Type', 'Description'],
      t.columns.map((c) => [code(c.name), c.type, c.description]),
    ),
  );
  const filters = Object.entries(t.filters || {});
  if (filters.length) {
    out.push(
      'Filters sent to the API (the rest of the WHERE clause is evaluated locally; a *looser* parameter may return extra rows, which SQLite drops):',
    );
    out.push(
      table(
        ['Column', 'Operators → API parameter'],
        filters.map(([column, ops]) => [
          code(column),
          Object.entries(ops)
            .map(([op, m]) => `${code(op)} → ${mappingText(m)}`)
            .join(', '),
        ]),
      ),
    );
  } else if (!t.lookup) {
    out.push('No filters are sent to the API: WHERE is evaluated locally.');
  }
  return out.join('\n\n');
}

/** docs/tables.md: a contents list, then a section per table. */
function tablesDoc() {
  const tables = readTables();
  return [
    '# Tables',
    '<!-- Generated by `npm run docs` from schemas/tables/*.json; edit those files, not this one. -->',
    `Every table and view of bigcommerce-sql (${tables.length}), generated from \`schemas/tables/*.json\`. Each section gives the BigCommerce endpoint a table reads, the OAuth scope it needs, its keys, its columns, and the WHERE terms sent to the API.`,
    '## Contents',
    tables.map((t) => `- [${t.name}](#${anchor(t.name)})${t.type === 'VIEW' ? ' (view)' : ''}`).join('\n'),
    '## Reference',
    ...tables.map(tableSection),
  ].join('\n\n');
}

// ---- README assembly -------------------------------------------------------------------

const GENERATORS = {
  'connection-properties': connectionPropertiesSection,
  procedures: proceduresSection,
  tables: tablesSection,
};

const SKELETON = `# bigcommerce-sql

## Connection properties

${begin('connection-properties')}
${end('connection-properties')}

## Stored procedures

${begin('procedures')}
${end('procedures')}

## Tables

${begin('tables')}
${end('tables')}
`;

function replaceSection(text, name, body) {
  const b = begin(name);
  const e = end(name);
  const start = text.indexOf(b);
  const stop = text.indexOf(e);
  if (start < 0 || stop < 0 || stop < start) {
    throw new Error(
      `README.md has no "${b}" … "${e}" pair; add the two marker lines where the section belongs.`,
    );
  }
  const inner = body.trim() === '' ? '\n' : `\n\n${body.trim()}\n\n`;
  return text.slice(0, start + b.length) + inner + text.slice(stop);
}

async function pretty(text, filepath) {
  const prettier = require('prettier');
  // The project's prettier config, wherever the file being written lives.
  const config = (await prettier.resolveConfig(path.join(PROJECT, 'README.md'))) || {};
  return prettier.format(text, { ...config, filepath });
}

async function render(current, readmePath) {
  let text = current;
  for (const name of SECTIONS) text = replaceSection(text, name, GENERATORS[name]());
  return pretty(text, readmePath);
}

async function main(argv) {
  const check = argv.includes('--check');
  const option = (name) =>
    argv.includes(name) ? path.resolve(argv[argv.indexOf(name) + 1] || '') : undefined;
  ROOT = option('--root') || PROJECT;
  const readmePath = option('--readme') || path.join(PROJECT, 'README.md');
  const exists = fs.existsSync(readmePath);
  const current = exists ? fs.readFileSync(readmePath, 'utf8') : '';
  const docPath = path.join(path.dirname(readmePath), TABLES_DOC);
  const files = [
    { file: readmePath, current, next: await render(exists ? current : SKELETON, readmePath) },
    {
      file: docPath,
      current: fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '',
      next: await pretty(tablesDoc(), docPath),
    },
  ];
  let stale = 0;
  for (const f of files) {
    if (f.next === f.current) continue;
    if (check) {
      console.error(
        `${path.relative(process.cwd(), f.file)} is out of date; run \`npm run docs\` and commit it.`,
      );
      stale = 1;
      continue;
    }
    fs.mkdirSync(path.dirname(f.file), { recursive: true });
    fs.writeFileSync(f.file, f.next);
    console.log(`Updated ${path.relative(process.cwd(), f.file)}.`);
  }
  return stale;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err.message);
    process.exitCode = 2;
  },
);
