import { likeMatcher, parseDate, parsePaging } from '../../src/simulator/api/query';

describe('simulator query parsing', () => {
  it('matches :like values as SQL LIKE %value%, case-insensitively', () => {
    expect(likeMatcher('mug')('Classic Oak MUG')).toBe(true);
    expect(likeMatcher('mug')('Classic Oak Bowl')).toBe(false);
  });

  it('treats % and _ inside a :like value as SQL wildcards', () => {
    expect(likeMatcher('a_c')('xxABCxx')).toBe(true);
    expect(likeMatcher('a_c')('xxACxx')).toBe(false);
    expect(likeMatcher('a%c')('a long way to c')).toBe(true);
    expect(likeMatcher('100%')('100% Cotton')).toBe(true);
  });

  it('does not treat regular-expression characters in a :like value as special', () => {
    expect(likeMatcher('(a+b)')('x (a+b) y')).toBe(true);
    expect(likeMatcher('a.b')('axb')).toBe(false);
  });

  it('reads ISO 8601, date-only, RFC 2822 and Unix-second dates', () => {
    expect(parseDate('2024-05-14T09:34:00Z')).toEqual({ ms: Date.UTC(2024, 4, 14, 9, 34), dayOnly: false });
    expect(parseDate('2024-05-14T09:34:00')).toEqual({ ms: Date.UTC(2024, 4, 14, 9, 34), dayOnly: false });
    expect(parseDate('2024-05-14T11:34:00+02:00')).toEqual({
      ms: Date.UTC(2024, 4, 14, 9, 34),
      dayOnly: false,
    });
    expect(parseDate('2024-05-14')).toEqual({ ms: Date.UTC(2024, 4, 14), dayOnly: true });
    expect(parseDate('Tue, 14 May 2024 09:34:00 +0000')).toEqual({
      ms: Date.UTC(2024, 4, 14, 9, 34),
      dayOnly: false,
    });
    expect(parseDate('1715679240')).toEqual({ ms: Date.UTC(2024, 4, 14, 9, 34), dayOnly: false });
  });

  it('reads a "+" offset that a query string decoded into a space', () => {
    expect(parseDate('2024-05-14T11:34:00 02:00')?.ms).toBe(Date.UTC(2024, 4, 14, 9, 34));
  });

  it('rejects dates it cannot read', () => {
    expect(parseDate('yesterday')).toBeUndefined();
  });

  it('defaults paging to page 1 of 50 and clamps the limit to 250', () => {
    expect(parsePaging(new URLSearchParams(''))).toEqual({ page: 1, limit: 50 });
    expect(parsePaging(new URLSearchParams('page=3&limit=10'))).toEqual({ page: 3, limit: 10 });
    expect(parsePaging(new URLSearchParams('limit=1000'))).toEqual({ page: 1, limit: 250 });
    expect(parsePaging(new URLSearchParams('page=0&limit=0'))).toEqual({ page: 1, limit: 50 });
    expect(parsePaging(new URLSearchParams('page=x&limit=y'))).toEqual({ page: 1, limit: 50 });
  });
});
