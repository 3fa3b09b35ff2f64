/**
 * The desktop flow's loopback listener: listens on 127.0.0.1 at CallbackURL's port, takes exactly
 * one request on CallbackURL's path whose state matches, and stops listening after that request or
 * the timeout, whichever comes first. A request with another state (any local process can send
 * one) is answered 400 and ignored, so it cannot end the sign-in. The browser gets its answer once the caller knows the
 * outcome (after the code exchange), through `respond`.
 */
import { timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import { AuthError } from '../errors';
import type { Logger } from '../log';

export interface CallbackResult {
  code: string;
  scope?: string;
  context?: string;
  accountUuid?: string;
}

export interface PendingCallback {
  /** Settles on the first request to the callback path (or on timeout / abort). */
  result: Promise<CallbackResult>;
  /** Answers the browser that made the callback and closes the listener. */
  respond(ok: boolean, message: string): void;
  /** Stops listening (idempotent). */
  close(): void;
}

export interface ListenOptions {
  callbackUrl: string;
  state: string;
  timeoutMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

/** Which local address a CallbackURL allows listening on; throws when it is not a loopback http URL. */
export function loopbackTarget(callbackUrl: string): { port: number; path: string } {
  let u: URL;
  try {
    u = new URL(callbackUrl);
  } catch {
    u = new URL('invalid:');
  }
  if (u.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(u.hostname)) {
    throw new AuthError(
      'ERR_OAUTH_CALLBACK_URL',
      `The desktop OAuth flow listens for the browser on this machine, so CallbackURL must be http://localhost:PORT ` +
        `or http://127.0.0.1:PORT (and registered as the app's callback URL); "${callbackUrl}" is not. ` +
        "For other callback URLs use AuthMode='WEB' with a Verifier, or OAuthVerifier with InitiateOAuth=REFRESH",
      { property: 'CallbackURL' },
    );
  }
  return { port: u.port ? Number(u.port) : 80, path: u.pathname || '/' };
}

export async function listenForCallback(opts: ListenOptions): Promise<PendingCallback> {
  const { port, path } = loopbackTarget(opts.callbackUrl);
  let settle: { resolve: (r: CallbackResult) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<CallbackResult>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // the caller awaits it; avoid an unhandled rejection if it never does
  let answer: http.ServerResponse | undefined;
  const timer: { handle?: NodeJS.Timeout } = {};
  let closed = false;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (answer || url.pathname !== path || req.method !== 'GET') {
      // Not the callback (a favicon, a probe): it does not use up the one callback.
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const q = url.searchParams;
    if (!sameState(q.get('state'), opts.state)) {
      opts.logger.log(2, `OAuth: ignored a callback on 127.0.0.1:${port}${path} with another state`);
      res
        .writeHead(400, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(page(false, STATE_MISMATCH));
      return;
    }
    answer = res;
    opts.logger.log(2, `OAuth: callback received on 127.0.0.1:${port}${path}`);
    const error = q.get('error');
    if (error) {
      const description = q.get('error_description');
      fail(
        new AuthError(
          'ERR_OAUTH_DENIED',
          `The authorization was not granted (${error}${description ? `: ${description}` : ''}); ` +
            'sign in again and approve the app',
          { oauthError: error },
        ),
      );
      return;
    }
    const code = q.get('code');
    if (!code) {
      fail(new AuthError('ERR_OAUTH_CALLBACK', 'The browser callback had no code parameter; sign in again'));
      return;
    }
    opts.logger.addSecret(code);
    clearTimeout(timer.handle);
    settle?.resolve({
      code,
      scope: q.get('scope') ?? undefined,
      context: q.get('context') ?? undefined,
      accountUuid: q.get('account_uuid') ?? undefined,
    });
  });

  function close() {
    if (closed) return;
    closed = true;
    clearTimeout(timer.handle);
    opts.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeIdleConnections();
  }

  function respond(ok: boolean, message: string) {
    if (answer && !answer.headersSent) {
      answer.writeHead(ok ? 200 : 400, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'close',
      });
      answer.end(page(ok, message));
    }
    close();
  }

  function fail(err: Error) {
    settle?.reject(err);
    respond(false, err.message);
  }

  function onAbort() {
    settle?.reject(new AuthError('ERR_CANCELLED', 'The sign-in was cancelled while waiting for the browser'));
    respond(false, 'The sign-in was cancelled.');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AuthError(
          'ERR_OAUTH_LISTEN',
          `Cannot listen for the browser callback on 127.0.0.1:${port} (${err.code}); close the program using that ` +
            "port, or change CallbackURL (and the app's registered callback URL) to a free port",
          { property: 'CallbackURL' },
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  timer.handle = setTimeout(() => {
    fail(
      new AuthError(
        'ERR_OAUTH_TIMEOUT',
        `No browser callback arrived at ${opts.callbackUrl} within ${Math.round(opts.timeoutMs / 1000)} s; ` +
          'sign in again (approve the app in the browser sooner), or raise OAuthCallbackTimeout',
      ),
    );
  }, opts.timeoutMs);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  return { result, respond, close };
}

const STATE_MISMATCH =
  'This callback carried a different state than the sign-in in progress (it may come from another sign-in ' +
  'attempt or another site), so it was ignored; the sign-in is still waiting for its own callback.';

function sameState(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function page(ok: boolean, message: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = ok ? 'Signed in to BigCommerce' : 'Sign-in failed';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${esc(message)}</p><p>You may close this window.</p></body></html>`;
}
