/**
 * Every secret is redacted whatever its length, and in URL-encoded form too: from error messages
 * of the library and bcsql, and from the Logfile, when a server echoes it back.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { connect } from '../../src';
import { createLogger, redactSecrets } from '../../src/log';
import { startServer } from '../../src/server/PgServer';
import { tempDir } from '../auth/oauthTestKit';
import { cleanEnv, ensureBuilt, runCli } from '../cli/cliHarness';
import { CACHE_DIR, START_TIMEOUT } from '../server/serverHarness';

/** Short, and full of characters that URL encoding changes. */
const TOKEN = 'k/+';
const CLIENT_SECRET = 'z?=';

/** An API and OAuth server that echoes what it was sent, in every spelling, in its error bodies. */
let echo: http.Server;
let base: string;

beforeAll(async () => {
  await ensureBuilt();
  echo = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const token = String(req.headers['x-auth-token'] ?? '');
      const said = `${token} ${encodeURIComponent(token)} ${encodeURIComponent(token).toLowerCase()} ${body} ${req.url}`;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ title: `rejected: ${said}`, error: 'invalid_request', error_description: said }),
      );
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
}, 240_000);
afterAll(() => new Promise((r) => echo.close(r)));

function leaks(text: string, secret: string): boolean {
  const forms = [secret, encodeURIComponent(secret), encodeURIComponent(secret).toLowerCase()];
  forms.push(new URLSearchParams({ x: secret }).toString().slice(2));
  return forms.some((f) => text.includes(f));
}

function props(logfile?: string): Record<string, unknown> {
  return {
    AuthScheme: 'OAuth',
    StoreId: 'abc',
    OAuthAccessToken: TOKEN,
    OAuthClientId: 'client',
    OAuthClientSecret: CLIENT_SECRET,
    ApiBaseURL: base,
    LoginBaseURL: base,
    MaxRetries: 0,
    ...(logfile ? { Logfile: logfile, Verbosity: 5 } : {}),
  };
}

describe('redaction', () => {
  it('replaces a secret of any length, raw and percent-encoded in either case', () => {
    const text = 'a k/+ b k%2F%2B c k%2f%2b d k%2F+ e';
    expect(redactSecrets(text, ['k/+'])).toBe('a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED] e');
    expect(createLogger({ secrets: ['x'] }).redact('axb')).toBe('a[REDACTED]b');
  });

  it('never finds a short secret inside the marker of a longer one', () => {
    expect(redactSecrets('long-secret and E', ['long-secret', 'E'])).toBe('[REDACTED] and [REDACTED]');
  });

  it('keeps a short token out of API errors and the Logfile at Verbosity 5, raw and URL-encoded', async () => {
    const logfile = path.join(tempDir('redact-'), 'bcsql.log');
    const conn = await connect(props(logfile));
    try {
      const err = (await conn.query('SELECT Id FROM Brands').catch((e: unknown) => e)) as Error;
      expect(err).toMatchObject({ code: expect.stringMatching(/^ERR_API/) });
      expect(err.message).toContain('rejected');
      expect(leaks(err.message, TOKEN)).toBe(false);
      expect(leaks(JSON.stringify(err), TOKEN)).toBe(false);
    } finally {
      await conn.close();
    }
    const log = fs.readFileSync(logfile, 'utf8');
    expect(log).toContain('rejected');
    expect(leaks(log, TOKEN)).toBe(false);
  });

  it('keeps a short client secret and verifier out of OAuth exchange errors', async () => {
    const logfile = path.join(tempDir('redact-'), 'bcsql.log');
    const conn = await connect({ ...props(logfile), InitiateOAuth: 'OFF' });
    try {
      const err = (await conn
        .query(`EXEC GetOAuthAccessToken AuthMode='WEB', CallbackURL='http://127.0.0.1:1/cb', Verifier='v&'`)
        .catch((e: unknown) => e)) as Error;
      expect(err).toMatchObject({ code: expect.stringMatching(/^ERR_OAUTH/) });
      for (const s of [CLIENT_SECRET, 'v&']) expect(leaks(err.message, s)).toBe(false);
    } finally {
      await conn.close();
    }
    const log = fs.readFileSync(logfile, 'utf8');
    for (const s of [CLIENT_SECRET, 'v&']) expect(leaks(log, s)).toBe(false);
  });

  it('keeps a short token out of what bcsql prints', async () => {
    const cs = Object.entries(props())
      .map(([k, v]) => `${k}={${String(v)}}`)
      .join(';');
    const r = await runCli([cs, '-e', 'SELECT Id FROM Brands'], { env: cleanEnv() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('rejected');
    expect(leaks(r.stdout + r.stderr, TOKEN)).toBe(false);
  });

  it(
    'keeps a short token out of errors bcsql serve sends its clients',
    async () => {
      const conn = await connect(props());
      const server = await startServer({
        connection: conn,
        host: '127.0.0.1',
        port: 0,
        cacheDir: CACHE_DIR,
        secrets: [TOKEN],
      });
      const client = new Client({ host: '127.0.0.1', port: server.port, user: 'u', database: 'bigcommerce' });
      try {
        await client.connect();
        const err = (await client.query('SELECT "Id" FROM "Brands"').catch((e: unknown) => e)) as Error;
        expect(err.message).toContain('rejected');
        expect(leaks(JSON.stringify({ ...err, message: err.message }), TOKEN)).toBe(false);
      } finally {
        await client.end();
        await server.close();
        await conn.close();
      }
    },
    START_TIMEOUT,
  );
});
