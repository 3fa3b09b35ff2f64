/**
 * Which API request gets which fault. Two sources, both deterministic so a failing test replays:
 * a script (the first `times` requests matching an entry get its fault, entries in order) and a
 * random rate for GETs drawn from a seeded PRNG. How each fault is answered lives in gateway.ts.
 */
import type { FaultKind, FaultOptions, ScriptedFault } from './types';
import { mulberry32 } from './seed';

export const FAULT_KINDS: readonly FaultKind[] = [
  '500',
  '502',
  '503',
  'reset',
  '429',
  '429-noheaders',
  'slow',
  'malformed',
  'html',
  'mutate',
];

const DEFAULT_RANDOM_KINDS: FaultKind[] = ['500', '502', '503', 'reset'];
export const DEFAULT_SLOW_MS = 2000;
export const DEFAULT_RETRY_AFTER_MS = 1000;

/** Faults that make sense once the API has handled a request. */
const AFTER_KINDS: readonly FaultKind[] = ['500', '502', '503', 'reset', 'slow', 'malformed', 'html'];

export interface PickedFault {
  kind: FaultKind;
  /** After the API handled the request (see ScriptedFault.after). */
  after: boolean;
}

export interface FaultInjector {
  /** The fault for this request, if any; consumes a script entry or a random draw. */
  pick(method: string, path: string): FaultKind | undefined;
  /** Like pick, saying also whether the fault comes before or after the API handles the request. */
  pickFault(method: string, path: string): PickedFault | undefined;
  configure(opts: FaultOptions | undefined): void;
  readonly slowMs: number;
  readonly retryAfterMs: number;
}

interface ScriptState {
  entry: ScriptedFault;
  left: number;
  /** Matching requests still to let through before the fault. */
  skip: number;
}

export function createFaultInjector(opts: FaultOptions | undefined, defaultSeed: number): FaultInjector {
  let rate = 0;
  let kinds = DEFAULT_RANDOM_KINDS;
  let slowMs = DEFAULT_SLOW_MS;
  let retryAfterMs = DEFAULT_RETRY_AFTER_MS;
  let random = mulberry32(defaultSeed);
  let script: ScriptState[] = [];

  const configure = (o: FaultOptions | undefined): void => {
    const next = validate(o ?? {});
    rate = next.rate ?? 0;
    kinds = next.kinds && next.kinds.length > 0 ? [...next.kinds] : DEFAULT_RANDOM_KINDS;
    slowMs = next.slowMs ?? DEFAULT_SLOW_MS;
    retryAfterMs = next.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    random = mulberry32(next.seed ?? defaultSeed);
    script = (next.script ?? []).map((entry) => ({ entry, left: entry.times ?? 1, skip: entry.skip ?? 0 }));
  };
  configure(opts);

  return {
    configure,
    get slowMs() {
      return slowMs;
    },
    get retryAfterMs() {
      return retryAfterMs;
    },
    pick(method, path) {
      return this.pickFault(method, path)?.kind;
    },
    pickFault(method, path) {
      for (const s of script) {
        if (s.left > 0 && matches(s.entry, method, path)) {
          if (s.skip > 0) {
            s.skip--;
            return undefined;
          }
          s.left--;
          return { kind: s.entry.kind, after: s.entry.after === true };
        }
      }
      if (rate > 0 && method === 'GET' && random() < rate) {
        return { kind: kinds[Math.floor(random() * kinds.length)], after: false };
      }
      return undefined;
    },
  };
}

function matches(entry: ScriptedFault, method: string, path: string): boolean {
  if (entry.method && entry.method.toUpperCase() !== method) return false;
  if (entry.match === undefined) return true;
  if (typeof entry.match === 'string') return entry.match === path;
  entry.match.lastIndex = 0; // a /g regexp would otherwise remember where it stopped
  return entry.match.test(path);
}

function validate(o: FaultOptions): FaultOptions {
  const bad = (msg: string) => new RangeError(`Simulator faults: ${msg}`);
  if (o.rate !== undefined && !(o.rate >= 0 && o.rate <= 1))
    throw bad(`rate must be between 0 and 1 (got ${o.rate})`);
  if (o.slowMs !== undefined && !(o.slowMs >= 0)) throw bad(`slowMs must be 0 or more (got ${o.slowMs})`);
  if (o.retryAfterMs !== undefined && !(o.retryAfterMs >= 0)) {
    throw bad(`retryAfterMs must be 0 or more (got ${o.retryAfterMs})`);
  }
  const known = (k: FaultKind) => FAULT_KINDS.includes(k);
  for (const k of o.kinds ?? []) {
    if (!known(k)) throw bad(`unknown fault kind "${k}"; known kinds: ${FAULT_KINDS.join(', ')}`);
  }
  for (const s of o.script ?? []) {
    if (!known(s.kind))
      throw bad(`unknown fault kind "${s.kind}" in script; known kinds: ${FAULT_KINDS.join(', ')}`);
    if (s.after && !AFTER_KINDS.includes(s.kind)) {
      throw bad(
        `fault kind "${s.kind}" cannot come after the request is handled; after takes ${AFTER_KINDS.join(', ')}`,
      );
    }
    if (s.times !== undefined && !(Number.isInteger(s.times) && s.times >= 0)) {
      throw bad(`script times must be a whole number (got ${s.times})`);
    }
    if (s.skip !== undefined && !(Number.isInteger(s.skip) && s.skip >= 0)) {
      throw bad(`script skip must be a whole number (got ${s.skip})`);
    }
  }
  return o;
}
