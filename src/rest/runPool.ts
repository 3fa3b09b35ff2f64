/**
 * Runs work items with at most `concurrency` in flight. `next()` is asked for another item each
 * time a slot frees up, so the caller can extend the work while it runs (a later page reports more
 * pages) or stop early (a short page marks the end). On the first failure no new items start, the
 * others are cancelled through the signal handed to `run`, and that first failure is thrown once
 * everything has settled; the caller's signal cancels everything the same way.
 */
import { cancelledError } from './sleep';

export interface PoolOptions<T> {
  concurrency: number;
  next: () => T | undefined;
  run: (item: T, signal: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Names the work in the cancellation error. */
  what?: string;
}

export function runPool<T>(opts: PoolOptions<T>): Promise<void> {
  const inner = new AbortController();
  const onAbort = () => inner.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) inner.abort();
  let failure: { error: unknown } | undefined;
  let active = 0;
  return new Promise<void>((resolve, reject) => {
    const pump = () => {
      while (!failure && !inner.signal.aborted && active < Math.max(1, opts.concurrency)) {
        const item = opts.next();
        if (item === undefined) break;
        active++;
        opts
          .run(item, inner.signal)
          .catch((error: unknown) => {
            if (!failure) {
              failure = { error };
              inner.abort();
            }
          })
          .finally(() => {
            active--;
            pump();
          });
      }
      if (active > 0) return;
      opts.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure.error);
      else if (opts.signal?.aborted) reject(cancelledError(opts.what ?? 'the request'));
      else resolve();
    };
    pump();
  });
}
