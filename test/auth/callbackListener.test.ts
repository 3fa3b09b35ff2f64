import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import { listenForCallback, loopbackTarget } from '../../src/auth/callbackListener';
import { nullLogger } from '../../src/log';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

const listen = (port: number, timeoutMs = 10_000, signal?: AbortSignal) =>
  listenForCallback({
    callbackUrl: `http://localhost:${port}/callback`,
    state: 'good-state',
    timeoutMs,
    logger: nullLogger,
    signal,
  });

describe('the loopback callback listener', () => {
  it('accepts one callback with the right state, answers a page saying the window may be closed, then stops listening', async () => {
    const port = await freePort();
    const pending = await listen(port);
    const browser = get(
      `http://127.0.0.1:${port}/callback?code=c0de&state=good-state&context=stores%2Fabc&scope=a+b`,
    );
    await expect(pending.result).resolves.toEqual({
      code: 'c0de',
      context: 'stores/abc',
      scope: 'a b',
      accountUuid: undefined,
    });
    pending.respond(true, 'Got the token.');
    const page = await browser;
    expect(page.status).toBe(200);
    expect(page.body).toContain('You may close this window');
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('takes exactly one callback: a second one, even with the right state, is refused and changes nothing', async () => {
    const port = await freePort();
    const pending = await listen(port);
    const browser = get(`http://127.0.0.1:${port}/callback?code=first-code&state=good-state`);
    await expect(pending.result).resolves.toMatchObject({ code: 'first-code' });
    // While the first code is being exchanged, a replayed or forged callback arrives.
    const second = await get(`http://127.0.0.1:${port}/callback?code=second-code&state=good-state`);
    expect(second.status).toBe(404);
    await expect(pending.result).resolves.toMatchObject({ code: 'first-code' });
    pending.respond(true, 'ok');
    expect((await browser).status).toBe(200);
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = await freePort();
    const pending = await listen(port);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    expect(await canConnect('::1', port)).toBe(false);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && a.address !== '127.0.0.1');
    if (external) expect(await canConnect(external.address, port)).toBe(false);
    pending.close();
  });

  it('answers a callback with the wrong state 400, ignores it, and still takes the right one', async () => {
    const port = await freePort();
    const pending = await listen(port);
    const forged = await get(`http://127.0.0.1:${port}/callback?code=c0de&state=evil`);
    expect(forged.status).toBe(400);
    expect(forged.body).not.toContain('c0de');
    const browser = get(`http://127.0.0.1:${port}/callback?code=real&state=good-state`);
    await expect(pending.result).resolves.toMatchObject({ code: 'real' });
    pending.respond(true, 'ok');
    expect((await browser).status).toBe(200);
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('reports an error parameter from the authorization server (ERR_OAUTH_DENIED)', async () => {
    const port = await freePort();
    const pending = await listen(port);
    await get(`http://127.0.0.1:${port}/callback?error=access_denied&state=good-state`);
    const err = await pending.result.catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH_DENIED', oauthError: 'access_denied' });
  });

  it('ignores requests to other paths, such as the favicon, without using up the callback', async () => {
    const port = await freePort();
    const pending = await listen(port);
    expect((await get(`http://127.0.0.1:${port}/favicon.ico`)).status).toBe(404);
    const browser = get(`http://127.0.0.1:${port}/callback?code=x1&state=good-state`);
    await expect(pending.result).resolves.toMatchObject({ code: 'x1' });
    pending.respond(true, 'ok');
    expect((await browser).status).toBe(200);
  });

  it('gives up after the timeout (ERR_OAUTH_TIMEOUT) and stops listening', async () => {
    const port = await freePort();
    const pending = await listen(port, 100);
    const err = await pending.result.catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH_TIMEOUT' });
    expect(err.message).toContain('OAuthCallbackTimeout');
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('stops waiting when the statement is cancelled (ERR_CANCELLED)', async () => {
    const port = await freePort();
    const ac = new AbortController();
    const pending = await listen(port, 10_000, ac.signal);
    ac.abort();
    await expect(pending.result).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('says which port is taken when it cannot listen (ERR_OAUTH_LISTEN)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const err = await listen(port).catch((e) => e);
      expect(err).toMatchObject({ code: 'ERR_OAUTH_LISTEN', property: 'CallbackURL' });
      expect(err.message).toContain(String(port));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it.each(['https://localhost:3000', 'http://example.com:3000/cb', 'http://[::1]:3000', 'not a url'])(
    'refuses a callback URL it cannot serve on the loopback address: %s',
    (url) => {
      expect(() => loopbackTarget(url)).toThrow(expect.objectContaining({ code: 'ERR_OAUTH_CALLBACK_URL' }));
    },
  );

  it('takes the port and path from the callback URL', () => {
    expect(loopbackTarget('http://localhost:33333')).toEqual({ port: 33333, path: '/' });
    expect(loopbackTarget('http://127.0.0.1:8080/auth/cb?x=1')).toEqual({ port: 8080, path: '/auth/cb' });
  });
});
