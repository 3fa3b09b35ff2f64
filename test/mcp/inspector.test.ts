/**
 * The MCP Inspector's CLI mode (a client nobody here wrote; @modelcontextprotocol/inspector-cli,
 * the part of the Inspector that runs on Node 20) against `bcsql mcp --demo`: tools/list and
 * tools/call run_query. It spawns the server itself over stdio; nothing is downloaded.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CLI, ROOT, ensureBuilt } from '../cli/cliHarness';

const run = promisify(execFile);
const INSPECTOR = path.join(
  ROOT,
  'node_modules',
  '@modelcontextprotocol',
  'inspector-cli',
  'build',
  'cli.js',
);

/**
 * inspector-cli 1.0.3 checks for "../package.json" relative to the working directory but imports
 * it relative to its own module, so it runs from a folder whose parent has a package.json.
 */
async function inspector(args: string[]): Promise<unknown> {
  const { stdout } = await run(
    process.execPath,
    [INSPECTOR, '--cli', process.execPath, CLI, 'mcp', '--demo', ...args],
    { cwd: path.join(ROOT, 'test'), timeout: 60000, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

beforeAll(() => ensureBuilt(), 180000);

describe('the MCP Inspector CLI against bcsql mcp --demo', () => {
  it('lists the tools with their input schemas', async () => {
    const out = (await inspector(['--method', 'tools/list'])) as {
      tools: { name: string; inputSchema: { properties: Record<string, unknown> } }[];
    };
    expect(out.tools.map((t) => t.name)).toEqual([
      'list_tables',
      'describe_table',
      'run_query',
      'explain_query',
      'call_procedure',
    ]);
    expect(Object.keys(out.tools[2].inputSchema.properties)).toContain('sql');
  }, 60000);

  it('calls run_query and gets the rows back as CSV with the request count', async () => {
    const out = (await inspector([
      '--method',
      'tools/call',
      '--tool-name',
      'run_query',
      '--tool-arg',
      'sql=SELECT Id, Name FROM Products WHERE Id IN (1, 2, 3) ORDER BY Id',
    ])) as { content: { text: string }[]; structuredContent: Record<string, unknown>; isError?: boolean };
    expect(out.isError ?? false).toBe(false);
    const text = out.content[0].text;
    expect(text.split('\n').slice(0, 1)).toEqual(['rowCount: 3, requestCount: 1']);
    expect(text).toMatch(/\n\nId,Name\n1,[^\n]+\n2,[^\n]+\n3,[^\n]+$/);
    expect(out.structuredContent).toMatchObject({ rowCount: 3, requestCount: 1, truncated: false });
  }, 60000);
});
