import { readRateLimit } from '../../src/rest/rateLimitHeaders';

describe('readRateLimit', () => {
  it('reads the four X-Rate-Limit headers whatever their case', () => {
    expect(
      readRateLimit({
        'X-Rate-Limit-Time-Window-Ms': '30000',
        'x-rate-limit-time-reset-ms': '15000',
        'X-RATE-LIMIT-REQUESTS-QUOTA': '150',
        'X-Rate-limit-Requests-Left': '35',
      }),
    ).toEqual({ windowMs: 30000, resetMs: 15000, quota: 150, left: 35, retryAfterMs: undefined });
  });

  it('turns X-Retry-After (or Retry-After) seconds into milliseconds', () => {
    expect(readRateLimit({ 'X-Retry-After': '2' }).retryAfterMs).toBe(2000);
    expect(readRateLimit({ 'retry-after': '0.5' }).retryAfterMs).toBe(500);
  });

  it('ignores values that are not non-negative numbers', () => {
    expect(
      readRateLimit({
        'x-rate-limit-requests-left': 'lots',
        'x-rate-limit-time-reset-ms': '-5',
        'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT',
      }),
    ).toEqual({
      left: undefined,
      quota: undefined,
      resetMs: undefined,
      windowMs: undefined,
      retryAfterMs: undefined,
    });
  });
});
