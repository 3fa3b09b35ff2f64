import { ApiError } from '../errors';

/**
 * A timer that an AbortSignal cuts short, rejecting with ERR_CANCELLED naming what was waiting.
 * `wake`, when it settles first, ends the sleep early (news that makes waiting pointless).
 */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  what: string,
  wake?: Promise<void>,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError(what));
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(what));
    };
    const timer = setTimeout(finish, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
    void wake?.then(finish);
  });
}

/** `what` is "GET /v3/catalog/products" or similar: no query string, no secrets. */
export function cancelledError(what: string): ApiError {
  const [method, path] = what.split(' ', 2);
  return new ApiError('ERR_CANCELLED', `${what} was cancelled`, path ? { method, path } : {});
}
