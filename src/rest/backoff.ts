/**
 * Exponential backoff with "equal jitter": half the ceiling is guaranteed, the other half random,
 * so retries from many requests spread out without any of them retrying almost at once.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
