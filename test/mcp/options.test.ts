/** bcsql mcp's switches: --read-write, and HTTP off loopback only with a bearer token. */
import { spawnSync } from 'node:child_process';
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { CLI, cleanEnv, ensureBuilt, runCli } from '../cli/cliHarness';
import { startMcp } from './mcpHarness';

let sim: Simulator;
let env: Record<string, string>;
beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ rateLimit: false, products: 20, orders: 10, customers: 5 });
  env = { BIGCOMMERCE_CONNECTION: simulatorConnectionString(sim) };
}, 120000);
afterAll(() => sim?.close());

describe('bcsql mcp --read-write', () => {
  it('lets a write through to the provider, whose own checks then answer it', async () => {
    const s = await startMcp({ transport: 'stdio', env, args: ['--read-write'] });
    try {
      sim.resetRequests();
      const sql = "UPDATE Products SET DateModified = '2024-01-01' WHERE Id = 1";
      const r = await s.call('run_query', { sql });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/^ERR_READ_ONLY_COLUMN: Products\.DateModified is read-only/);
      expect(sim.requests).toHaveLength(0);
      const w = await s.call('run_query', {
        sql: "UPDATE Brands SET PageTitle = 'from mcp' WHERE Id = 1 RETURNING Id, PageTitle",
      });
      expect(w.isError).toBeFalsy();
      expect(w.text).toMatch(/^rowCount: 1, requestCount: 2\n/);
      expect(w.text).toContain('1,from mcp');
      expect(sim.requests.filter((q) => q.method === 'PUT').map((q) => q.path)).toEqual([
        expect.stringMatching(/\/v3\/catalog\/brands\/1$/),
      ]);
      const { tools } = await s.client.listTools();
      expect(tools.find((t) => t.name === 'run_query')!.annotations).toMatchObject({ readOnlyHint: false });
    } finally {
      await s.close();
    }
  });
});

describe('bcsql mcp --http', () => {
  it('refuses to listen beyond loopback without a bearer token', () => {
    const r = spawnSync(process.execPath, [CLI, 'mcp', '--http', '0.0.0.0:0'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'listens beyond this machine: set a bearer token with --token or BCSQL_MCP_TOKEN',
    );
    expect(r.stdout).toBe('');
  });

  it('with a token answers only clients that send it, and never logs it', async () => {
    const token = 'mcp-test-token-5b1f0c9e77d2';
    const s = await startMcp({
      transport: 'http',
      env: { ...env, BCSQL_MCP_TOKEN: token },
      authorization: `Bearer ${token}`,
    });
    try {
      expect((await s.call('describe_table', { table: 'Brands' })).isError).toBe(false);
      const url = s.url!;
      const init = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      };
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
      const anonymous = await fetch(url, { method: 'POST', headers, body: JSON.stringify(init) });
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(url, {
        method: 'POST',
        headers: { ...headers, Authorization: 'Bearer nope' },
        body: JSON.stringify(init),
      });
      expect(wrong.status).toBe(401);
      expect(s.seen()).not.toContain(token);
    } finally {
      await s.close();
    }
  });
});

describe('bcsql mcp --demo-latency', () => {
  it('slows the demo store down enough to cancel a query part-way', async () => {
    const s = await startMcp({ transport: 'stdio', args: ['--demo', '--demo-latency', '300'] });
    try {
      const keys = Array.from({ length: 40 }, (_, i) => i + 1).join(', ');
      const abort = new AbortController();
      const pending = s.call(
        'run_query',
        { sql: `SELECT * FROM OrderItems WHERE OrderId IN (${keys})` },
        { signal: abort.signal },
      );
      setTimeout(() => abort.abort(), 500);
      await expect(pending).rejects.toThrow(/abort/i);
      const after = await s.call('run_query', { sql: 'SELECT Id FROM Brands LIMIT 1' });
      expect(after.isError).toBe(false);
    } finally {
      await s.close();
    }
  }, 60000);

  it('is refused without --demo', () => {
    const r = spawnSync(process.execPath, [CLI, 'mcp', '--demo-latency', '100'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--demo-latency applies only with --demo');
  });
});

describe('bcsql mcp over stdio', () => {
  it('answers requests written before the client closed its end, then exits', async () => {
    const lines = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'pipe', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'run_query', arguments: { sql: 'SELECT COUNT(*) AS n FROM Customers' } },
      },
    ];
    // Asynchronously: the simulator in this process has to keep answering.
    const r = await runCli(['mcp'], {
      env: cleanEnv(env),
      input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
      timeoutMs: 30000,
    });
    expect(r.code).toBe(0);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { rowCount: number } } });
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
    expect(answers[1].result.structuredContent).toMatchObject({ rowCount: 1 });
    expect(answers[1].result).toMatchObject({ content: [{ text: expect.stringMatching(/\n\nn\n5$/) }] });
  });
});
