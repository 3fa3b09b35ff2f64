/**
 * The fixture extractor on a small spec folder the test writes itself: prose goes, facts and
 * resolvable $refs stay, and --check names every fixture that differs from the specs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/extractApiFacts.js');

const WIDGETS = `openapi: '3.0.3'
info: { title: Widgets, version: '1', description: A long introduction. }
servers: [{ url: 'https://api.bigcommerce.com/stores/{store_hash}/v3' }]
tags: [{ name: Widgets }]
paths:
  /widgets:
    get:
      summary: List widgets
      operationId: getWidgets
      x-codegen-request-body-name: body
      parameters:
        - name: colour:in
          in: query
          description: Filter by colour.
          schema: { type: string, enum: [red, blue], example: red }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/WidgetList' }
              examples: { one: { value: { data: [] } } }
components:
  schemas:
    WidgetList:
      title: Widget list
      type: object
      properties:
        data: { type: array, items: { $ref: '#/components/schemas/Widget' } }
    Widget:
      type: object
      description: A widget.
      properties:
        description: { type: string, description: The widget's own description field. }
        title: { type: string, x-nullable: true }
        kind: { type: string, enum: [{ description: 'kept, because enum members are data' }] }
    Unused: { type: object }
  securitySchemes:
    X-Auth-Token: { type: apiKey, in: header, name: X-Auth-Token }
`;

function run(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env } });
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('extract-api-facts', () => {
  let specs: string;
  let out: string;

  beforeEach(() => {
    specs = tempDir('api-specs-');
    out = tempDir('api-facts-');
    fs.writeFileSync(path.join(specs, 'widgets.v3.yml'), WIDGETS);
  });

  afterEach(() => {
    fs.rmSync(specs, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  function facts() {
    expect(run(['--specs', specs, '--out', out]).status).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(out, 'widgets.v3.json'), 'utf8'));
  }

  it('keeps paths, parameters and schemas and drops prose, examples, security and tooling keys', () => {
    const f = facts();
    expect(Object.keys(f).sort()).toEqual(['components', 'paths', 'source', 'version']);
    expect(f.source).toBe('widgets.v3.yml');
    expect(f.version).toBe('v3');
    const get = f.paths['/widgets'].get;
    expect(get.parameters).toEqual([
      { in: 'query', name: 'colour:in', schema: { enum: ['red', 'blue'], type: 'string' } },
    ]);
    expect(get.responses['200']).toEqual({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/WidgetList' } } },
    });
  });

  it('keeps properties named like prose keys, data-stating extensions and enum members as written', () => {
    const widget = facts().components.schemas.Widget;
    expect(widget).toEqual({
      type: 'object',
      properties: {
        description: { type: 'string' },
        title: { type: 'string', 'x-nullable': true },
        kind: { type: 'string', enum: [{ description: 'kept, because enum members are data' }] },
      },
    });
  });

  it('drops components no path reaches and keeps those reached through other components', () => {
    expect(Object.keys(facts().components)).toEqual(['schemas']);
    expect(Object.keys(facts().components.schemas)).toEqual(['Widget', 'WidgetList']);
  });

  it('writes sorted keys, so two runs give identical bytes', () => {
    facts();
    const first = fs.readFileSync(path.join(out, 'widgets.v3.json'), 'utf8');
    expect(first.indexOf('"components"')).toBeLessThan(first.indexOf('"paths"'));
    facts();
    expect(fs.readFileSync(path.join(out, 'widgets.v3.json'), 'utf8')).toBe(first);
  });

  it('passes --check when the fixtures match and names missing, stale and extra fixtures otherwise', () => {
    facts();
    expect(run(['--check', '--specs', specs, '--out', out]).status).toBe(0);
    fs.writeFileSync(path.join(specs, 'gadgets.v2.yml'), WIDGETS.replace('/v3', '/v2'));
    fs.writeFileSync(path.join(specs, 'widgets.v3.yml'), WIDGETS.replace('colour:in', 'color:in'));
    fs.writeFileSync(path.join(out, 'gizmos.v3.json'), '{}\n');
    const r = run(['--check', '--specs', specs, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing: gadgets.v2.json');
    expect(r.stderr).toContain('stale: widgets.v3.json');
    expect(r.stderr).toContain('extra (no spec file): gizmos.v3.json');
    expect(fs.existsSync(path.join(out, 'gadgets.v2.json'))).toBe(false);
  });

  it('fails with the folder named when the spec folder is missing', () => {
    const r = run(['--specs', path.join(specs, 'nowhere'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`spec folder ${path.join(specs, 'nowhere')} not found`);
  });

  it('fails naming the file when a $ref points outside the document', () => {
    fs.writeFileSync(
      path.join(specs, 'widgets.v3.yml'),
      WIDGETS.replace("'#/components/schemas/WidgetList'", "'other.yml#/WidgetList'"),
    );
    const r = run(['--specs', specs, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('widgets.v3.yml: external $ref other.yml#/WidgetList is not supported');
  });
});
