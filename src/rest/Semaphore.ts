/**
 * Caps the requests one client has in flight, so MaxConcurrentRequests holds for a whole statement
 * even when the engine runs several lists at once (child-table fan-out), not just within one list.
 */
import { cancelledError } from './sleep';

export class Semaphore {
  #active = 0;
  readonly #queue: (() => void)[] = [];

  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves with a release function once a slot is free; ERR_CANCELLED if the signal aborts first. */
  acquire(signal: AbortSignal | undefined, what: string): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(cancelledError(what));
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#active++;
        resolve(this.#releaser());
      };
      const onAbort = () => {
        const i = this.#queue.indexOf(grant);
        if (i >= 0) this.#queue.splice(i, 1);
        reject(cancelledError(what));
      };
      this.#queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#queue.shift()?.();
    };
  }
}
