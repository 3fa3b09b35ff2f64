import { parseCacheSize, parseStatement } from '../../src/sql/parseStatement';
import { select } from './helpers';

describe('parseStatement', () => {
  it('returns the same frozen object when the same text is parsed again', () => {
    const sql = 'SELECT * FROM Products WHERE Id = ? AND Name LIKE @n';
    const first = parseStatement(sql);
    expect(parseStatement(sql)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const s = select(sql).single!;
    expect(Object.isFrozen(s.conjuncts[0].values[0])).toBe(true);
    expect(() => (s.conjuncts as unknown as unknown[]).push(1)).toThrow(TypeError);
  });

  it('keeps at most 500 statements, dropping the least recently used', () => {
    const keep = parseStatement('SELECT 1 AS kept');
    const evicted = parseStatement('SELECT 1 AS evicted');
    for (let k = 0; k < 499; k++) {
      parseStatement(`SELECT ${k} AS filler`);
      if (k % 100 === 0) parseStatement('SELECT 1 AS kept');
    }
    expect(parseCacheSize()).toBe(500);
    expect(parseStatement('SELECT 1 AS kept')).toBe(keep);
    expect(parseStatement('SELECT 1 AS evicted')).not.toBe(evicted);
    expect(parseStatement('SELECT 1 AS evicted')).toEqual(evicted);
  });

  it('does not cache statements that fail', () => {
    expect(() => parseStatement('SELECT FROM WHERE')).toThrow();
    const size = parseCacheSize();
    expect(() => parseStatement('SELECT FROM WHERE')).toThrow();
    expect(parseCacheSize()).toBe(size);
  });

  it('tells SELECT from EXEC regardless of keyword case and leading comments', () => {
    expect(parseStatement('/* hi */ select 1').kind).toBe('select');
    expect(parseStatement('-- hi\nExec P').kind).toBe('exec');
    expect(parseStatement('WITH c AS (SELECT 1 AS x) SELECT x FROM c').kind).toBe('select');
  });
});
