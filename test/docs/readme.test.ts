import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectionProperties } from '../../src/options/properties';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'gen-readme.js');
const README = path.join(ROOT, 'README.md');

function run(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

function section(text: string, name: string): string {
  const start = text.indexOf(`<!-- BEGIN GENERATED: ${name} -->`);
  const stop = text.indexOf(`<!-- END GENERATED: ${name} -->`);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(stop).toBeGreaterThan(start);
  return text.slice(start, stop);
}

describe('README generated sections', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('are up to date with the schemas and procedures (run `npm run docs` if this fails)', () => {
    const result = run('--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('list every connection property with its default and environment variable', () => {
    const props = section(fs.readFileSync(README, 'utf8'), 'connection-properties');
    for (const p of connectionProperties) {
      expect(props).toContain(`\`${p.name}\``);
      expect(props).toContain(`\`${p.env}\``);
      if (p.default !== undefined) expect(props).toContain(`\`${String(p.default)}\``);
    }
  });

  it('list every procedure file', () => {
    const procs = section(fs.readFileSync(README, 'utf8'), 'procedures');
    for (const f of fs.readdirSync(path.join(ROOT, 'procedures')).filter((n) => n.endsWith('.json'))) {
      expect(procs).toContain(`### ${path.basename(f, '.json')}`);
    }
  });

  it('keep docs/tables.md up to date with every table file, each in the contents list and the README', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'tables.md'), 'utf8');
    const summary = section(fs.readFileSync(README, 'utf8'), 'tables');
    for (const f of fs.readdirSync(path.join(ROOT, 'schemas', 'tables')).filter((n) => n.endsWith('.json'))) {
      const name = path.basename(f, '.json');
      expect(doc).toContain(`### ${name}\n`);
      expect(doc).toContain(`- [${name}](#${name.toLowerCase()})`);
      expect(summary).toContain(`[${name}](docs/tables.md#${name.toLowerCase()})`);
    }
  });

  it('make --check fail on a table reference edited by hand', () => {
    fs.copyFileSync(README, path.join(tmp, 'README.md'));
    fs.mkdirSync(path.join(tmp, 'docs'));
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'tables.md'), 'utf8');
    fs.writeFileSync(path.join(tmp, 'docs', 'tables.md'), doc.replace('### Products', '### Product'));
    const result = run('--check', '--readme', path.join(tmp, 'README.md'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/tables\.md is out of date/);
  });

  it('make --check fail on a README whose generated section was edited by hand', () => {
    const copy = path.join(tmp, 'README.md');
    fs.writeFileSync(copy, fs.readFileSync(README, 'utf8').replace('`BIGCOMMERCE_TIMEOUT`', '`BC_TIMEOUT`'));
    const result = run('--check', '--readme', copy);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/out of date; run `npm run docs`/);
  });

  it('regenerate the sections in place and leave the prose around them alone', () => {
    const copy = path.join(tmp, 'README.md');
    const stale =
      '# Title\n\nIntro prose.\n\n' +
      ['connection-properties', 'procedures', 'tables']
        .map((n) => `<!-- BEGIN GENERATED: ${n} -->\nstale\n<!-- END GENERATED: ${n} -->\n`)
        .join('\nMiddle prose.\n\n');
    fs.writeFileSync(copy, stale);
    expect(run('--readme', copy).status).toBe(0);
    const text = fs.readFileSync(copy, 'utf8');
    expect(text).toMatch(/^# Title\n\nIntro prose\.\n/);
    expect(text).toContain('Middle prose.');
    expect(text).not.toContain('stale');
    expect(section(text, 'connection-properties')).toContain('`OAuthClientId`');
    expect(run('--check', '--readme', copy).status).toBe(0);
  });

  it('create a minimal README with the three marker pairs when there is none', () => {
    const copy = path.join(tmp, 'README.md');
    expect(run('--readme', copy).status).toBe(0);
    const text = fs.readFileSync(copy, 'utf8');
    for (const n of ['connection-properties', 'procedures', 'tables']) section(text, n);
  });

  it('document each table in docs/tables.md (heading, description, API path, keys, columns, filters) with a line in README', () => {
    const root = path.join(tmp, 'root');
    fs.mkdirSync(path.join(root, 'schemas', 'tables'), { recursive: true });
    fs.mkdirSync(path.join(root, 'procedures'));
    fs.copyFileSync(
      path.join(ROOT, 'schemas', 'connection-properties.json'),
      path.join(root, 'schemas', 'connection-properties.json'),
    );
    const products = {
      name: 'Products',
      description: 'Catalog products (Catalog API v3).',
      api: {
        path: '/v3/catalog/products',
        records: 'data',
        pagination: 'v3',
        maxPageSize: 250,
        scope: 'store_v2_products',
      },
      primaryKey: ['Id'],
      columns: [
        { name: 'Id', type: 'integer', source: 'id', description: 'Product ID.' },
        { name: 'Name', type: 'string', source: 'name', description: 'Name | with a pipe.' },
      ],
      filters: { Id: { '=': 'id', IN: 'id:in' } },
    };
    fs.writeFileSync(path.join(root, 'schemas', 'tables', 'Products.json'), JSON.stringify(products));
    const proc = {
      name: 'Ping',
      description: 'Says hello.',
      parameters: {
        type: 'object',
        properties: { Mode: { type: 'string', enum: ['A', 'B'], default: 'A', description: 'Which hello.' } },
        required: ['Mode'],
      },
      result: [{ name: 'Reply', type: 'string', description: 'The hello.' }],
      handler: 'ping',
    };
    fs.writeFileSync(path.join(root, 'procedures', 'Ping.json'), JSON.stringify(proc));
    const copy = path.join(tmp, 'README.md');
    expect(run('--root', root, '--readme', copy).status).toBe(0);
    const text = fs.readFileSync(copy, 'utf8');
    expect(section(text, 'tables')).toContain(
      '- [Products](docs/tables.md#products): Catalog products (Catalog API v3).',
    );
    const tables = fs.readFileSync(path.join(tmp, 'docs', 'tables.md'), 'utf8');
    expect(tables).toContain('- [Products](#products)');
    expect(tables).toContain('### Products');
    expect(tables).toContain('Catalog products (Catalog API v3).');
    expect(tables).toContain('Primary key: `Id`.');
    expect(tables).toContain('`GET /v3/catalog/products`');
    expect(tables).toMatch(/\| Name +\| Type +\| Description +\|/);
    expect(tables).toMatch(/\| `Id` +\| integer \| Product ID\. +\|/);
    expect(tables).toContain('Name \\| with a pipe.');
    expect(tables).toMatch(/\| `Id` +\| `=` → `id`, `IN` → `id:in` +\|/);
    const procs = section(text, 'procedures');
    expect(procs).toContain('### Ping');
    expect(procs).toMatch(/\| `Mode` +\| string \| yes +\| `A` +\| `A`, `B` +\| Which hello\. +\|/);
    expect(procs).toMatch(/\| `Reply` +\| string \| The hello\. +\|/);
  });

  it('leave the tables section empty when there are no table files', () => {
    const root = path.join(tmp, 'root');
    fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
    fs.copyFileSync(
      path.join(ROOT, 'schemas', 'connection-properties.json'),
      path.join(root, 'schemas', 'connection-properties.json'),
    );
    const copy = path.join(tmp, 'README.md');
    expect(run('--root', root, '--readme', copy).status).toBe(0);
    const text = fs.readFileSync(copy, 'utf8');
    expect(section(text, 'tables').trim()).toBe('<!-- BEGIN GENERATED: tables -->');
  });

  it('refuse a README that lacks a marker pair, saying which', () => {
    const copy = path.join(tmp, 'README.md');
    fs.writeFileSync(copy, '# Title\n');
    const result = run('--readme', copy);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('<!-- BEGIN GENERATED: connection-properties -->');
  });
});
