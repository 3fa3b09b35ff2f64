import { backoffDelay } from '../../src/rest/backoff';

describe('backoffDelay', () => {
  it('doubles with each attempt, between half the ceiling and the ceiling', () => {
    expect(backoffDelay(0, 200, 30_000, () => 0)).toBe(100);
    expect(backoffDelay(0, 200, 30_000, () => 1)).toBe(200);
    expect(backoffDelay(3, 200, 30_000, () => 0)).toBe(800);
    expect(backoffDelay(3, 200, 30_000, () => 1)).toBe(1600);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(40, 250, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(40, 250, 30_000, () => 0)).toBe(15_000);
  });
});
