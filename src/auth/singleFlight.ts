/**
 * In-process single-flight: callers asking for the same key while a run is pending share its
 * result, so 20 connections starting at once with an empty store make one token exchange.
 * (Across processes the settings-file lock plays this part.)
 */
const pending = new Map<string, Promise<unknown>>();

export function singleFlight<T>(key: string, run: () => Promise<T>): Promise<T> {
  const existing = pending.get(key);
  if (existing) return existing as Promise<T>;
  const p = run().finally(() => pending.delete(key));
  pending.set(key, p);
  return p;
}

/** Resolves like `p`, but rejects as soon as `signal` aborts (the shared work itself keeps running for others). */
export function untilAborted<T>(
  p: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: () => Error,
): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}
