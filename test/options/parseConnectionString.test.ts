import { ConnectionStringError } from '../../src/errors';
import {
  formatConnectionString,
  parseConnectionString as parse,
} from '../../src/options/parseConnectionString';
import { SECRET_MASK } from '../../src/options/properties';
import { expectNoSecret, thrownBy } from './errorHelpers';

const SECRET = 'Zq9-s3cr3t-VALUE';

describe('parseConnectionString', () => {
  it('reads Name=Value pairs separated by semicolons', () => {
    expect(parse('AuthScheme=OAuth;StoreId=abc123;OAuthClientId=cid')).toEqual({
      AuthScheme: 'OAuth',
      StoreId: 'abc123',
      OAuthClientId: 'cid',
    });
  });

  it('maps names to their canonical spelling whatever their case', () => {
    expect(parse('authscheme=OAuth;STOREID=abc;oAuThClIeNtId=x')).toEqual({
      AuthScheme: 'OAuth',
      StoreId: 'abc',
      OAuthClientId: 'x',
    });
  });

  it('trims whitespace around names and values but keeps inner spaces', () => {
    expect(parse('  StoreId =  abc  ;\tScope = a b c \n')).toEqual({ StoreId: 'abc', Scope: 'a b c' });
  });

  it('returns values as given, leaving typing and enum spelling to resolveOptions', () => {
    expect(parse('AuthScheme=Personal access token;Timeout=abc')).toEqual({
      AuthScheme: 'Personal access token',
      Timeout: 'abc',
    });
  });

  it.each([
    ["StoreId='a;b=c'", 'a;b=c'],
    ['StoreId="a;b=c"', 'a;b=c'],
    ['StoreId={a;b=c}', 'a;b=c'],
  ])('accepts a quoted value containing ; and = (%s)', (s, value) => {
    expect(parse(s).StoreId).toBe(value);
  });

  it('unescapes a doubled quote or closing brace inside a quoted value', () => {
    expect(parse("StoreId='it''s'").StoreId).toBe("it's");
    expect(parse('StoreId="say ""hi"""').StoreId).toBe('say "hi"');
    expect(parse('StoreId={a}}b}').StoreId).toBe('a}b');
    expect(parse('StoreId="it\'s"').StoreId).toBe("it's");
  });

  it('keeps whitespace inside quotes and ignores it around them', () => {
    expect(parse("StoreId =  ' a b ' ; Scope=x").StoreId).toBe(' a b ');
  });

  it('treats a quote in the middle of an unquoted value as an ordinary character', () => {
    expect(parse('StoreId=O\'Brien;Scope=a"b').StoreId).toBe("O'Brien");
  });

  it('keeps an = inside an unquoted value', () => {
    expect(parse('CallbackURL=http://localhost:33333/cb?a=b').CallbackURL).toBe(
      'http://localhost:33333/cb?a=b',
    );
  });

  it.each(['jdbc:bigcommerce:', 'JDBC:BigCommerce:', 'jdbc:cdata:bigcommerce:', '  Jdbc:CData:BIGCOMMERCE:'])(
    'accepts the optional %s prefix',
    (prefix) => {
      expect(parse(`${prefix}StoreId=abc;Timeout=5`)).toEqual({ StoreId: 'abc', Timeout: '5' });
    },
  );

  it('lets a later duplicate replace the earlier one, whatever its case', () => {
    expect(parse('StoreId=first;storeid=second')).toEqual({ StoreId: 'second' });
  });

  it('ignores empty segments and a trailing semicolon', () => {
    expect(parse(';;StoreId=abc;; ;Timeout=5;')).toEqual({ StoreId: 'abc', Timeout: '5' });
    expect(parse('')).toEqual({});
    expect(parse('  ; ')).toEqual({});
  });

  it('keeps an empty value as an empty string', () => {
    expect(parse('StoreId=;Scope=""')).toEqual({ StoreId: '', Scope: '' });
  });

  describe('errors', () => {
    it('reports a pair with no = as ERR_CONNECTION_STRING with its 1-based position', () => {
      const err = thrownBy(() => parse('StoreId=abc;Timeout;Scope=x'));
      expect(err).toBeInstanceOf(ConnectionStringError);
      expect(err.code).toBe('ERR_CONNECTION_STRING');
      expect(err.position).toBe(13);
      expect(err.message).toMatch(/no '=' at position 13/);
    });

    it('counts the position from the start of the string, prefix included', () => {
      expect(thrownBy(() => parse('jdbc:bigcommerce:StoreId')).position).toBe(18);
    });

    it('reports an empty name as ERR_CONNECTION_STRING at the =', () => {
      const err = thrownBy(() => parse('StoreId=a;  =x'));
      expect(err.code).toBe('ERR_CONNECTION_STRING');
      expect(err.position).toBe(13);
      expect(err.message).toMatch(/no property name/);
    });

    it.each([
      ["StoreId='abc", 9],
      ['Timeout=5; StoreId = "abc', 22],
      ['StoreId={abc}}', 9],
    ])('reports an unterminated quote in %s at the opening quote', (s, position) => {
      const err = thrownBy(() => parse(s));
      expect(err.code).toBe('ERR_CONNECTION_STRING');
      expect(err.position).toBe(position);
      expect(err.property).toBe('StoreId');
      expect(err.message).toMatch(/never closed/);
    });

    it('reports text after a closing quote with its position', () => {
      const err = thrownBy(() => parse("StoreId='ab'cd;Timeout=1"));
      expect(err.code).toBe('ERR_CONNECTION_STRING');
      expect(err.position).toBe(13);
      expect(err.property).toBe('StoreId');
    });

    it('reports an unknown property as ERR_UNKNOWN_PROPERTY with a did-you-mean', () => {
      const err = thrownBy(() => parse('StoreId=a;OAuthClientSecert=x'));
      expect(err.code).toBe('ERR_UNKNOWN_PROPERTY');
      expect(err.property).toBe('OAuthClientSecert');
      expect(err.position).toBe(11);
      expect(err.message).toContain('did you mean "OAuthClientSecret"?');
    });

    it('reports an unknown property with no close match without a suggestion', () => {
      const err = thrownBy(() => parse('Colour=blue'));
      expect(err.code).toBe('ERR_UNKNOWN_PROPERTY');
      expect(err.message).toBe(
        'Unknown connection property "Colour" at position 1. See the connection-property table in README.md.',
      );
    });

    it('does not mistake Object.prototype names for properties', () => {
      expect(thrownBy(() => parse('constructor=x')).code).toBe('ERR_UNKNOWN_PROPERTY');
      expect(thrownBy(() => parse('__proto__=x')).code).toBe('ERR_UNKNOWN_PROPERTY');
    });

    it('rejects a value that is not a string', () => {
      const err = thrownBy(() => parse(42 as unknown as string));
      expect(err.code).toBe('ERR_CONNECTION_STRING');
    });
  });

  describe('secrets in errors', () => {
    it('never shows an unterminated secret value, only the property name', () => {
      const err = thrownBy(() => parse(`StoreId=a;OAuthClientSecret='${SECRET}`));
      expect(err.code).toBe('ERR_CONNECTION_STRING');
      expect(err.property).toBe('OAuthClientSecret');
      expectNoSecret(err, SECRET);
    });

    it('never shows text after a quoted secret', () => {
      const err = thrownBy(() => parse(`OAuthAccessToken="tok"${SECRET}`));
      expect(err.property).toBe('OAuthAccessToken');
      expectNoSecret(err, SECRET);
    });

    it('does not echo the tail of an unquoted secret that contained a semicolon', () => {
      const err = thrownBy(() => parse(`OAuthClientSecret=abc;${SECRET};StoreId=x`));
      expect(err.code).toBe('ERR_CONNECTION_STRING');
      expect(err.message).toContain('OAuthClientSecret={…}');
      expectNoSecret(err, SECRET);
    });

    it('does not echo a tail that looks like a name=value pair after an unquoted secret', () => {
      const err = thrownBy(() => parse(`OAuthRefreshToken=abc;${SECRET}=more`));
      expect(err.code).toBe('ERR_UNKNOWN_PROPERTY');
      expect(err.position).toBe(23);
      expect(err.property).toBeUndefined();
      expectNoSecret(err, SECRET);
    });
  });
});

describe('formatConnectionString', () => {
  it('writes canonical names and leaves plain values unquoted', () => {
    expect(formatConnectionString({ storeid: 'abc', Timeout: 30, Pushdown: false })).toBe(
      'StoreId=abc;Timeout=30;Pushdown=false',
    );
  });

  it('quotes values that contain ; or surrounding whitespace or start with a quote', () => {
    expect(formatConnectionString({ StoreId: 'a;b' })).toBe('StoreId="a;b"');
    expect(formatConnectionString({ StoreId: ' a ' })).toBe('StoreId=" a "');
    expect(formatConnectionString({ StoreId: '"a' })).toBe(`StoreId='"a'`);
    expect(formatConnectionString({ StoreId: `"a'}` })).toBe(`StoreId={"a'}}}`);
  });

  it('leaves out unset values', () => {
    expect(formatConnectionString({ StoreId: 'abc', Logfile: undefined, Scope: null })).toBe('StoreId=abc');
  });

  it('masks secrets when asked', () => {
    const s = formatConnectionString({ StoreId: 'abc', OAuthAccessToken: SECRET }, { maskSecrets: true });
    expect(s).toBe(`StoreId=abc;OAuthAccessToken=${SECRET_MASK}`);
  });

  it('rejects an unknown property name', () => {
    const err = thrownBy(() => formatConnectionString({ StorId: 'x' }));
    expect(err.code).toBe('ERR_UNKNOWN_PROPERTY');
    expect(err.message).toContain('did you mean "StoreId"?');
  });
});
