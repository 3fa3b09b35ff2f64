import { commandTag, renderResult } from '../../../src/cli/format/renderResult';

describe('commandTag', () => {
  it('tags writes as psql does, with the rows written', () => {
    expect(commandTag('INSERT', 3)).toBe('INSERT 0 3');
    expect(commandTag('UPDATE', 12)).toBe('UPDATE 12');
    expect(commandTag('DELETE', 0)).toBe('DELETE 0');
    expect(commandTag('UPSERT', 2)).toBe('UPSERT 2');
  });

  it('gives no tag to a SELECT, whose footer stays the row count', () => {
    expect(commandTag('SELECT', 3)).toBeUndefined();
    const text = renderResult('table', [{ name: 'Id' }], [[1]], { maxWidth: 80, color: false });
    expect(text).toContain('(1 row)');
  });

  it('puts the tag under RETURNING rows in place of the row count', () => {
    const text = renderResult(
      'table',
      [{ name: 'Id' }],
      [[7]],
      { maxWidth: 80, color: false },
      'INSERT 0 1\n',
    );
    expect(text).toContain('INSERT 0 1');
    expect(text).not.toContain('(1 row)');
  });
});
