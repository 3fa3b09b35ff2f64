/**
 * ErrorCode in src/errors.ts is the list of codes the provider reports. The compiler checks that
 * every code thrown is in it; this checks the other way, that it lists no code nothing throws.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts'));
}

describe('ErrorCode', () => {
  const errorsTs = fs.readFileSync(path.join(src, 'errors.ts'), 'utf8');
  const union = errorsTs.slice(
    errorsTs.indexOf('export type ErrorCode'),
    errorsTs.indexOf(';', errorsTs.indexOf('export type ErrorCode')),
  );
  const listed = [...union.matchAll(/'(ERR_[A-Z0-9_]+)'/g)].map((m) => m[1]);
  const used = new Set(
    sourceFiles(src)
      .filter((f) => f !== path.join(src, 'errors.ts'))
      .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/'(ERR_[A-Z0-9_]+)'/g)].map((m) => m[1])),
  );

  it('lists each code once', () => {
    expect(listed.length).toBeGreaterThan(30);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('lists only codes that some module of src uses', () => {
    expect(listed.filter((code) => !used.has(code))).toEqual([]);
  });
});
