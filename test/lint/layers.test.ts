/**
 * The layering rule as `npm run lint` applies it: ESLint's Node API with the project's own
 * eslint.config.mjs, on small files placed (in memory) inside src/.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

type Case = { file: string; code: string };
type Result = { file: string; messages: { ruleId: string | null; message: string }[] };
type Output = { results: Result[]; layers: string[][] };

/** One child process for all cases: loading ESLint and typescript-eslint is the slow part. */
function lint(cases: Case[]): Output {
  const script = `
    import { ESLint } from 'eslint';
    import { pathToFileURL } from 'node:url';
    const { LAYERS } = await import(pathToFileURL(process.cwd() + '/lint/layers.mjs').href);
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const c of cases) {
      const [r] = await eslint.lintText(c.code, { filePath: c.file });
      out.push({ file: c.file, messages: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
    }
    process.stdout.write(JSON.stringify({ results: out, layers: LAYERS }));
  `;
  const stdout = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      script,
      JSON.stringify(cases.map((c) => ({ ...c, file: path.join(root, c.file) }))),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(stdout) as Output;
}

const layerErrors = (r: Result) =>
  r.messages.filter((m) => m.ruleId === 'layers/layers').map((m) => m.message);

describe('the layering rule in the lint step', () => {
  const cases: Record<string, Case> = {
    sqlImportsConnection: {
      file: 'src/sql/x.ts',
      code: "import { Connection } from '../connection/Connection';\nexport const c = Connection;\n",
    },
    sqlImportsErrors: { file: 'src/sql/x.ts', code: "export { SqlError } from '../errors';\n" },
    typeOnlyUpward: {
      file: 'src/rest/x.ts',
      code: "import type { AuthSession } from '../auth/types';\nexport type A = AuthSession;\n",
    },
    reExportUpward: { file: 'src/catalog/x.ts', code: "export * from '../engine/context';\n" },
    dynamicUpward: {
      file: 'src/options/x.ts',
      code: "export const load = () => import('../catalog/loadCatalog');\n",
    },
    deepRelativeUpward: {
      file: 'src/auth/stores/x.ts',
      code: "import { runProcedure } from '../../engine/runProcedure';\nexport const r = runProcedure;\n",
    },
    peers: {
      file: 'src/server/x.ts',
      code: "import { x } from '../mcp/x';\nexport const y = x;\n",
    },
    simulatorImportsProvider: {
      file: 'src/simulator/api/x.ts',
      code: "import { ApiError } from '../../errors';\nexport const e = ApiError;\n",
    },
    engineImportsSimulator: {
      file: 'src/engine/x.ts',
      code: "import { startSimulator } from '../simulator';\nexport const s = startSimulator;\n",
    },
    cliImportsSimulator: {
      file: 'src/cli/x.ts',
      code: "import { startSimulator } from '../simulator';\nexport const s = startSimulator;\n",
    },
    engineImportsProcedures: {
      file: 'src/engine/x.ts',
      code: "import { findHandler } from '../procedures/registry';\nexport const f = findHandler;\n",
    },
    unknownFolder: {
      file: 'src/newthing/x.ts',
      code: "import { log } from '../log';\nexport const l = log;\n",
    },
  };
  const names = Object.keys(cases);
  let results: Record<string, Result>;
  let layers: string[][];

  beforeAll(() => {
    const out = lint(names.map((n) => cases[n]));
    results = Object.fromEntries(names.map((n, i) => [n, out.results[i]]));
    layers = out.layers;
  }, 60000);

  it('rejects a lower layer importing a higher one, naming both and the order', () => {
    const [msg] = layerErrors(results.sqlImportsConnection);
    expect(msg).toMatch(/src\/sql may not import src\/connection, a layer above it/);
    expect(msg).toContain('options → sql → catalog');
  });

  it('lets a layer import the ones below it', () => {
    expect(results.sqlImportsErrors.messages).toEqual([]);
    expect(results.engineImportsProcedures.messages).toEqual([]);
  });

  it('sees type-only imports, re-exports, dynamic import() and paths from sub-folders', () => {
    expect(layerErrors(results.typeOnlyUpward)).toEqual([
      expect.stringMatching(/src\/rest may not import src\/auth/),
    ]);
    expect(layerErrors(results.reExportUpward)).toEqual([
      expect.stringMatching(/src\/catalog may not import src\/engine/),
    ]);
    expect(layerErrors(results.dynamicUpward)).toEqual([
      expect.stringMatching(/src\/options may not import src\/catalog/),
    ]);
    expect(layerErrors(results.deepRelativeUpward)).toEqual([
      expect.stringMatching(/src\/auth may not import src\/engine/),
    ]);
  });

  it('keeps programs on the same level apart', () => {
    expect(layerErrors(results.peers)).toEqual([
      expect.stringMatching(/src\/server may not import src\/mcp, a layer beside it/),
    ]);
  });

  it('keeps the simulator apart from the provider, except for the programs on top', () => {
    expect(layerErrors(results.simulatorImportsProvider)).toEqual([
      expect.stringMatching(/src\/simulator imports nothing of the provider/),
    ]);
    expect(layerErrors(results.engineImportsSimulator)).toEqual([
      expect.stringMatching(/only the programs on top .* import src\/simulator, not src\/engine/),
    ]);
    expect(results.cliImportsSimulator.messages).toEqual([]);
  });

  it('asks for a new folder to be given a place in the layer table', () => {
    expect(layerErrors(results.unknownFolder)).toEqual([
      expect.stringMatching(/src\/newthing has no place in the layer table/),
    ]);
  });

  it("is the order README's Architecture section describes", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Architecture'),
      readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1),
    );
    const at = (name: string) => {
      const i = section.search(new RegExp(`\`(src/)?${name}(\\.ts)?\``));
      expect({ name, mentioned: i >= 0 }).toEqual({ name, mentioned: true });
      return i;
    };
    const firstOf = layers.map((group) => Math.min(...group.map(at)));
    const lastOf = layers.map((group) => Math.max(...group.map(at)));
    for (let g = 1; g < layers.length; g++) expect(firstOf[g]).toBeGreaterThan(lastOf[g - 1]);
  });
});
