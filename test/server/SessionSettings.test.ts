import { SessionSettings } from '../../src/server/SessionSettings';

describe('SessionSettings', () => {
  const make = () =>
    new SessionSettings([
      ['DateStyle', 'ISO, MDY'],
      ['TimeZone', 'UTC'],
      ['application_name', ''],
    ]);

  it('reports a changed reported parameter under its canonical name, and RESET restores it', () => {
    const s = make();
    expect(s.set('timezone', 'Europe/Berlin')).toEqual(['TimeZone', 'Europe/Berlin']);
    expect(s.get('TIMEZONE')).toBe('Europe/Berlin');
    expect(s.reset('TimeZone')).toEqual([['TimeZone', 'UTC']]);
    expect(s.get('TimeZone')).toBe('UTC');
  });

  it('keeps other parameters without reporting them', () => {
    const s = make();
    expect(s.set('extra_float_digits', '3')).toBeNull();
    expect(s.get('extra_float_digits')).toBe('3');
    expect(s.reset(null)).toEqual([]);
    expect(s.get('extra_float_digits')).toBeUndefined();
  });

  it('refuses date styles and encodings the endpoint does not produce', () => {
    expect(() => make().set('DateStyle', 'SQL, DMY')).toThrow(expect.objectContaining({ sqlState: '0A000' }));
    expect(() => make().set('client_encoding', 'LATIN1')).toThrow(/UTF8 only/);
    expect(make().set('client_encoding', 'SQL_ASCII')).toEqual(['client_encoding', 'SQL_ASCII']);
  });

  it('treats read-only and server facts as fixed', () => {
    expect(SessionSettings.isFixed('default_transaction_read_only')).toBe(true);
    expect(SessionSettings.isFixed('search_path')).toBe(false);
  });
});
