import { ConnectionStringError } from '../../src/errors';
import { requireProperties, resolveOptions } from '../../src/options/resolveOptions';
import { expectNoSecret, thrownBy } from './errorHelpers';

const SECRET = 'Zq9-s3cr3t-VALUE';
const noEnv = {};

describe('resolveOptions', () => {
  it('fills every default when nothing is given', () => {
    expect(resolveOptions('', noEnv)).toEqual({
      AuthScheme: 'OAuth',
      InitiateOAuth: 'OFF',
      OAuthCallbackTimeout: 300,
      Scope: 'store_v2_orders store_v2_customers store_v2_products store_v2_information',
      ApiBaseURL: 'https://api.bigcommerce.com',
      LoginBaseURL: 'https://login.bigcommerce.com',
      Timeout: 60,
      QueryTimeout: 300,
      Verbosity: 1,
      Pushdown: true,
      MaxConcurrentRequests: 8,
      MaxRetries: 5,
      RetryTimeout: 120,
      MaxFanOut: 10000,
      StagingRowThreshold: 100000,
      AutoCache: false,
      CacheTolerance: 600,
      Offline: false,
      ReadOnly: false,
    });
  });

  it('leaves OAuthSettingsLocation unset for the auth module to compute', () => {
    expect('OAuthSettingsLocation' in resolveOptions({}, noEnv)).toBe(false);
  });

  it('treats undefined or null input as no options', () => {
    expect(resolveOptions(undefined, noEnv).AuthScheme).toBe('OAuth');
    expect(resolveOptions(null, noEnv).Timeout).toBe(60);
  });

  it('reads the process environment by default', () => {
    process.env.BIGCOMMERCE_MAXFANOUT = '77';
    try {
      expect(resolveOptions('').MaxFanOut).toBe(77);
    } finally {
      delete process.env.BIGCOMMERCE_MAXFANOUT;
    }
  });

  describe('precedence', () => {
    const env = {
      BIGCOMMERCE_STOREID: 'from-env',
      BIGCOMMERCE_TIMEOUT: '10',
      BIGCOMMERCE_SCOPE: 'env_scope',
    };

    it('prefers the connection string over the options object, the environment and the default', () => {
      const o = resolveOptions(
        { connectionString: 'StoreId=from-string', StoreId: 'from-object', Timeout: 20 },
        env,
      );
      expect(o.StoreId).toBe('from-string');
      expect(o.Timeout).toBe(20);
      expect(o.Scope).toBe('env_scope');
      expect(o.Verbosity).toBe(1);
    });

    it('prefers the options object over the environment', () => {
      expect(resolveOptions({ StoreId: 'from-object' }, env).StoreId).toBe('from-object');
    });

    it('prefers the environment over the default', () => {
      expect(resolveOptions('', env).Timeout).toBe(10);
    });

    it('treats an empty value as not given, so the next source applies', () => {
      expect(resolveOptions({ connectionString: 'StoreId=', StoreId: '  ' }, env).StoreId).toBe('from-env');
      expect(resolveOptions('Timeout=', { BIGCOMMERCE_TIMEOUT: '' }).Timeout).toBe(60);
    });

    it('matches options-object keys case-insensitively, connectionString included', () => {
      const o = resolveOptions(
        { CONNECTIONSTRING: 'storeid=a', oauthclientid: 'cid', PUSHDOWN: false },
        noEnv,
      );
      expect(o).toMatchObject({ StoreId: 'a', OAuthClientId: 'cid', Pushdown: false });
    });
  });

  describe('typing', () => {
    it('parses integers from strings and accepts numbers in the options object', () => {
      expect(resolveOptions('Timeout= 30 ;OAuthExpiresIn=-1', noEnv)).toMatchObject({
        Timeout: 30,
        OAuthExpiresIn: -1,
      });
      expect(resolveOptions({ MaxRetries: 0 }, noEnv).MaxRetries).toBe(0);
    });

    it.each([
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
      ['Yes', true],
      ['no', false],
    ])('reads the boolean %s as %s', (text, value) => {
      expect(resolveOptions(`Pushdown=${text}`, noEnv).Pushdown).toBe(value);
      expect(resolveOptions('', { BIGCOMMERCE_PUSHDOWN: text }).Pushdown).toBe(value);
    });

    it('normalises enum values to their canonical spelling, case-insensitively', () => {
      expect(resolveOptions('InitiateOAuth=getandrefresh', noEnv).InitiateOAuth).toBe('GETANDREFRESH');
      expect(resolveOptions('AuthScheme=oauth', noEnv).AuthScheme).toBe('OAuth');
    });

    it('accepts "Personal access token" as PersonalAccessToken', () => {
      const o = resolveOptions('AuthScheme=personal ACCESS token;StoreId=abc;OAuthAccessToken=t', noEnv);
      expect(o.AuthScheme).toBe('PersonalAccessToken');
    });

    it('removes trailing slashes from base URLs but keeps CallbackURL exactly', () => {
      const o = resolveOptions(
        'ApiBaseURL=http://127.0.0.1:4000/;LoginBaseURL=https://login.example.com/x//;CallbackURL=http://localhost:33333/',
        noEnv,
      );
      expect(o.ApiBaseURL).toBe('http://127.0.0.1:4000');
      expect(o.LoginBaseURL).toBe('https://login.example.com/x');
      expect(o.CallbackURL).toBe('http://localhost:33333/');
    });

    it('keeps string values exactly, inner and quoted whitespace included', () => {
      expect(resolveOptions("Scope=' a  b '", noEnv).Scope).toBe(' a  b ');
    });

    it('accepts a number for a string property in the options object', () => {
      expect(resolveOptions({ StoreId: 12345 }, noEnv).StoreId).toBe('12345');
    });
  });

  describe('ERR_INVALID_PROPERTY_VALUE', () => {
    it.each([
      ['Timeout=abc', 'Timeout', 'a whole number of at least 0; got "abc"'],
      ['Timeout=1.5', 'Timeout', 'a whole number'],
      ['Timeout=-1', 'Timeout', 'of at least 0'],
      ['Verbosity=6', 'Verbosity', 'from 1 to 5; got "6"'],
      ['Verbosity=0', 'Verbosity', 'from 1 to 5'],
      ['MaxConcurrentRequests=65', 'MaxConcurrentRequests', 'from 1 to 64'],
      ['Timeout=99999999999999999999', 'Timeout', 'a whole number'],
      ['Pushdown=maybe', 'Pushdown', 'true or false'],
      ['AuthScheme=Basic', 'AuthScheme', 'one of OAuth, PersonalAccessToken; got "Basic"'],
      ['InitiateOAuth=ON', 'InitiateOAuth', 'one of OFF, GETANDREFRESH, REFRESH'],
      ['ApiBaseURL=ftp://example.com', 'ApiBaseURL', 'an http:// or https:// URL'],
      ['LoginBaseURL=not a url', 'LoginBaseURL', 'an http:// or https:// URL'],
      ['CallbackURL=localhost:33333', 'CallbackURL', 'an http:// or https:// URL'],
    ])('rejects %s naming %s and what is allowed', (s, property, expected) => {
      const err = thrownBy(() => resolveOptions(s, noEnv));
      expect(err).toBeInstanceOf(ConnectionStringError);
      expect(err.code).toBe('ERR_INVALID_PROPERTY_VALUE');
      expect(err.property).toBe(property);
      expect(err.message).toContain(`${property} must be`);
      expect(err.message).toContain(expected);
    });

    it('says when the bad value came from the environment', () => {
      const err = thrownBy(() => resolveOptions('', { BIGCOMMERCE_VERBOSITY: 'loud' }));
      expect(err.code).toBe('ERR_INVALID_PROPERTY_VALUE');
      expect(err.message).toContain('Verbosity (from BIGCOMMERCE_VERBOSITY) must be');
      expect(err.source).toBe('environment');
    });

    it('rejects a wrongly typed value in the options object', () => {
      expect(thrownBy(() => resolveOptions({ Timeout: '30s' }, noEnv)).property).toBe('Timeout');
      expect(thrownBy(() => resolveOptions({ Pushdown: 'perhaps' }, noEnv)).property).toBe('Pushdown');
      expect(thrownBy(() => resolveOptions({ Timeout: 2.5 }, noEnv)).message).toContain('got 2.5');
      expect(thrownBy(() => resolveOptions({ StoreId: { id: 1 } }, noEnv)).message).toContain(
        'got an object',
      );
      expect(thrownBy(() => resolveOptions({ AuthScheme: ['OAuth'] }, noEnv)).code).toBe(
        'ERR_INVALID_PROPERTY_VALUE',
      );
    });

    it('rejects a connectionString that is not a string', () => {
      const err = thrownBy(() => resolveOptions({ connectionString: 5 }, noEnv));
      expect(err.code).toBe('ERR_INVALID_PROPERTY_VALUE');
      expect(err.property).toBe('connectionString');
    });

    it('never echoes the value of a secret property', () => {
      const err = thrownBy(() => resolveOptions({ OAuthClientSecret: { nested: SECRET } }, noEnv));
      expect(err.code).toBe('ERR_INVALID_PROPERTY_VALUE');
      expect(err.property).toBe('OAuthClientSecret');
      expectNoSecret(err, SECRET);
    });
  });

  describe('ERR_UNKNOWN_PROPERTY', () => {
    it('rejects an unknown options-object key with a did-you-mean', () => {
      const err = thrownBy(() => resolveOptions({ StoreID: 'a', Timout: 5 }, noEnv));
      expect(err.code).toBe('ERR_UNKNOWN_PROPERTY');
      expect(err.property).toBe('Timout');
      expect(err.message).toContain('did you mean "Timeout"?');
    });

    it('passes on the parser error for an unknown name in the connection string', () => {
      const err = thrownBy(() => resolveOptions({ connectionString: 'Foo=1' }, noEnv));
      expect(err.code).toBe('ERR_UNKNOWN_PROPERTY');
      expect(err.position).toBe(1);
    });

    it('rejects input that is neither a string nor an object', () => {
      expect(thrownBy(() => resolveOptions(42 as unknown as string, noEnv)).code).toBe(
        'ERR_CONNECTION_STRING',
      );
      expect(thrownBy(() => resolveOptions(['StoreId=a'] as unknown as string, noEnv)).code).toBe(
        'ERR_CONNECTION_STRING',
      );
    });
  });

  describe('ERR_MISSING_PROPERTY', () => {
    it('requires StoreId and OAuthAccessToken for PersonalAccessToken, naming both', () => {
      const err = thrownBy(() => resolveOptions('AuthScheme=PersonalAccessToken', noEnv));
      expect(err.code).toBe('ERR_MISSING_PROPERTY');
      expect(err.property).toBe('StoreId');
      expect(err.properties).toEqual(['StoreId', 'OAuthAccessToken']);
      expect(err.message).toBe(
        'AuthScheme=PersonalAccessToken needs StoreId and OAuthAccessToken; add StoreId=…;OAuthAccessToken=… to the connection string.',
      );
    });

    it('names only what is missing and never the token that is present', () => {
      const err = thrownBy(() =>
        resolveOptions(`AuthScheme=PersonalAccessToken;OAuthAccessToken=${SECRET}`, noEnv),
      );
      expect(err.property).toBe('StoreId');
      expect(err.properties).toEqual(['StoreId']);
      expectNoSecret(err, SECRET);
    });

    it('accepts PersonalAccessToken once both come from any source', () => {
      const o = resolveOptions('AuthScheme=PersonalAccessToken;StoreId=abc', {
        BIGCOMMERCE_OAUTHACCESSTOKEN: SECRET,
      });
      expect(o.OAuthAccessToken).toBe(SECRET);
    });

    it('requires nothing for the OAuth scheme at resolve time', () => {
      expect(resolveOptions('AuthScheme=OAuth', noEnv).AuthScheme).toBe('OAuth');
    });
  });
});

describe('requireProperties', () => {
  const options = resolveOptions('StoreId=abc', noEnv);

  it('returns quietly when every named property is set', () => {
    expect(() => requireProperties(options, ['StoreId', 'Scope'], 'GetOAuthAuthorizationURL')).not.toThrow();
  });

  it('throws ERR_MISSING_PROPERTY saying who needs what and how to add it', () => {
    const err = thrownBy(() => requireProperties(options, ['OAuthClientId'], 'GetOAuthAuthorizationURL'));
    expect(err.code).toBe('ERR_MISSING_PROPERTY');
    expect(err.property).toBe('OAuthClientId');
    expect(err.message).toBe(
      'GetOAuthAuthorizationURL needs OAuthClientId; add OAuthClientId=… to the connection string.',
    );
  });

  it('lists several missing properties together', () => {
    const err = thrownBy(() =>
      requireProperties(
        options,
        ['OAuthClientId', 'StoreId', 'OAuthClientSecret', 'CallbackURL'],
        'GetOAuthAccessToken',
      ),
    );
    expect(err.properties).toEqual(['OAuthClientId', 'OAuthClientSecret', 'CallbackURL']);
    expect(err.message).toContain('needs OAuthClientId, OAuthClientSecret and CallbackURL;');
  });

  it('counts an empty string as missing', () => {
    expect(thrownBy(() => requireProperties({ StoreId: '' }, ['StoreId'], 'x')).code).toBe(
      'ERR_MISSING_PROPERTY',
    );
  });
});
