import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * The folder holding this package's package.json. Found by walking up from this file, so it is
 * the same whether the code runs from src/ (ts-jest) or from dist/ after a build.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'bigcommerce-sql') return (cached = dir);
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`bigcommerce-sql: no package.json above ${__dirname}`);
    dir = up;
  }
}

/** This package's version, for sys_information. */
export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}
