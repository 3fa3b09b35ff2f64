import { BigCommerceSqlError } from '../../src/errors';

/** Runs fn, which must throw a BigCommerceSqlError, and returns it for assertions. */
export function thrownBy(fn: () => unknown): BigCommerceSqlError & Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (e instanceof BigCommerceSqlError) return e as BigCommerceSqlError & Record<string, unknown>;
    throw new Error(`expected a BigCommerceSqlError, got ${String(e)}`);
  }
  throw new Error('expected the call to throw, but it returned');
}

/** The secret must not appear in the message, the serialised error, or any enumerable field. */
export function expectNoSecret(error: Error, secret: string): void {
  expect(error.message).not.toContain(secret);
  expect(JSON.stringify(error)).not.toContain(secret);
  for (const value of Object.values(error)) expect(JSON.stringify(value) ?? '').not.toContain(secret);
  expect(String(error)).not.toContain(secret);
}
