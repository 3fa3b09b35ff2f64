/**
 * src/simulator/requestSchemas.json is generated from the API facts: it must match them, and it
 * must hold a schema for every write the simulator serves whose spec documents a JSON body.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { FACTS_DIR, loadApiFacts } from '../catalog/openapi';
import { WRITE_ROUTES } from '../../src/simulator/writes/routes';
import { hasBodySchema } from '../../src/simulator/writes/validateBody';
import * as fs from 'node:fs';

const SCRIPT = path.resolve(__dirname, '../../scripts/extractRequestSchemas.js');

/** `METHOD /vN/path` of every write whose spec gives it an application/json request body. */
function jsonBodiedWrites(): Set<string> {
  const out = new Set<string>();
  for (const name of fs.readdirSync(FACTS_DIR).filter((f) => f.endsWith('.json'))) {
    const facts = loadApiFacts(name) as { version: string; paths: Record<string, Record<string, unknown>> };
    for (const [p, ops] of Object.entries(facts.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const body = (op as { requestBody?: { content?: Record<string, unknown> } }).requestBody;
        if (body?.content?.['application/json']) out.add(`${method.toUpperCase()} /${facts.version}${p}`);
      }
    }
  }
  return out;
}

describe('extract-request-schemas', () => {
  it('finds the committed schemas up to date with the API facts', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has a request schema for every served write whose spec documents a JSON body', () => {
    const documented = jsonBodiedWrites();
    const served = WRITE_ROUTES.flatMap((r) => Object.keys(r.methods).map((m) => `${m} ${r.template}`));
    const needing = served.filter((key) => documented.has(key));
    expect(needing.length).toBeGreaterThan(15);
    expect(needing.filter((key) => !hasBodySchema(key))).toEqual([]);
  });
});
