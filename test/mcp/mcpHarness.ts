/**
 * Starts the built `bcsql mcp` as a child process and connects the MCP SDK's own client to it,
 * over stdio or streamable HTTP. Every tool result and every stderr line is kept, so tests can
 * check that no secret ever left the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { parse } from 'csv-parse/sync';
import { CLI, ensureBuilt } from '../cli/cliHarness';

export type Transport = 'stdio' | 'http';

export interface McpSession {
  client: Client;
  /** HTTP: the endpoint the server printed. */
  url?: string;
  /** Text of every tool result and every server log line seen so far. */
  seen(): string;
  call(
    name: string,
    args?: Record<string, unknown>,
    opts?: Parameters<Client['callTool']>[2],
  ): Promise<ToolAnswer>;
  close(): Promise<void>;
}

export interface ToolAnswer {
  text: string;
  isError: boolean;
  structured: Record<string, unknown>;
}

export interface StartOptions {
  transport: Transport;
  /** Arguments after `bcsql mcp`. */
  args?: string[];
  /** Extra environment (BIGCOMMERCE_CONNECTION …). */
  env?: Record<string, string>;
  /** HTTP: Authorization header to send. */
  authorization?: string;
}

export async function startMcp(opts: StartOptions): Promise<McpSession> {
  await ensureBuilt();
  const env = { ...(process.env as Record<string, string>), ...opts.env };
  const log: string[] = [];
  const client = new Client({ name: 'bcsql-tests', version: '1.0.0' });
  let child: ChildProcess | undefined;
  let url: string | undefined;
  if (opts.transport === 'stdio') {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', ...(opts.args ?? [])],
      env,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    await client.connect(transport);
  } else {
    child = spawn(process.execPath, [CLI, 'mcp', '--http', '127.0.0.1:0', ...(opts.args ?? [])], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    url = await firstLine(child);
    const headers: Record<string, string> = opts.authorization ? { Authorization: opts.authorization } : {};
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  }
  const results: string[] = [];
  return {
    client,
    url,
    seen: () => [...results, ...log].join('\n'),
    async call(name, args = {}, callOpts) {
      const r = (await client.callTool({ name, arguments: args }, undefined, callOpts)) as CallToolResult;
      const text = r.content.map((c) => (c.type === 'text' ? c.text : JSON.stringify(c))).join('\n');
      results.push(text, JSON.stringify(r.structuredContent ?? {}));
      return {
        text,
        isError: r.isError === true,
        structured: (r.structuredContent ?? {}) as Record<string, unknown>,
      };
    },
    async close() {
      await client.close();
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** The URL bcsql mcp --http prints on stdout once it listens. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl).trim());
    });
    child.once('exit', (code) => reject(new Error(`bcsql mcp exited with ${code}: ${err}`)));
  });
}

/** The CSV body of a run_query answer (after its header lines and blank line) as rows of strings. */
export function csvRows(text: string): string[][] {
  return parse(text.slice(text.indexOf('\n\n') + 2), { relax_column_count: false }) as string[][];
}
