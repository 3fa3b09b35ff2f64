import * as fs from 'node:fs';
import * as path from 'node:path';
import { CatalogError } from '../../src/errors';
import {
  connectionProperties,
  describeOptions,
  envName,
  findProperty,
  isSecretProperty,
  loadConnectionProperties,
  maskSecret,
  maskSecrets,
  propertyNames,
  SECRET_MASK,
  secretValues,
} from '../../src/options/properties';
import type { PropertyName } from '../../src/options/types';
import { resolveOptions } from '../../src/options/resolveOptions';
import { thrownBy } from './errorHelpers';

// tsc checks this literal against ConnectionOptions: a missing or extra key is a compile error,
// so comparing it with the JSON keeps the catalogue and the interface in step.
const INTERFACE_KEYS: Record<PropertyName, true> = {
  AuthScheme: true,
  StoreId: true,
  OAuthAccessToken: true,
  OAuthClientId: true,
  OAuthClientSecret: true,
  CallbackURL: true,
  InitiateOAuth: true,
  OAuthSettingsLocation: true,
  OAuthVerifier: true,
  OAuthRefreshToken: true,
  OAuthExpiresIn: true,
  OAuthTokenTimestamp: true,
  OAuthCallbackTimeout: true,
  Scope: true,
  ApiBaseURL: true,
  LoginBaseURL: true,
  Timeout: true,
  QueryTimeout: true,
  Logfile: true,
  Verbosity: true,
  Pushdown: true,
  MaxConcurrentRequests: true,
  MaxRetries: true,
  RetryTimeout: true,
  MaxFanOut: true,
  StagingRowThreshold: true,
  CacheLocation: true,
  CacheConnection: true,
  CacheSchema: true,
  AutoCache: true,
  CacheTolerance: true,
  Offline: true,
  ReadOnly: true,
};

const catalogueJson = () =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/connection-properties.json'), 'utf8')) as {
    properties: Record<string, unknown>[];
  };

describe('connection-property catalogue', () => {
  it('declares exactly the properties of ConnectionOptions', () => {
    expect([...propertyNames].sort()).toEqual(Object.keys(INTERFACE_KEYS).sort());
  });

  it('has the documented defaults', () => {
    const defaults = Object.fromEntries(connectionProperties.map((d) => [d.name, d.default]));
    expect(defaults).toMatchObject({
      AuthScheme: 'OAuth',
      InitiateOAuth: 'OFF',
      Scope: 'store_v2_orders store_v2_customers store_v2_products store_v2_information',
      ApiBaseURL: 'https://api.bigcommerce.com',
      LoginBaseURL: 'https://login.bigcommerce.com',
      Timeout: 60,
      QueryTimeout: 300,
      Verbosity: 1,
      OAuthCallbackTimeout: 300,
      Pushdown: true,
      MaxConcurrentRequests: 8,
      MaxRetries: 5,
      RetryTimeout: 120,
      MaxFanOut: 10000,
      StagingRowThreshold: 100000,
    });
    expect(findProperty('OAuthSettingsLocation')?.default).toBeUndefined();
    expect(findProperty('OAuthSettingsLocation')?.defaultDescription).toMatch(/OAuthSettings\.txt/);
  });

  it('bounds Verbosity to 1..5 and MaxConcurrentRequests to 1..64', () => {
    expect(findProperty('Verbosity')).toMatchObject({ min: 1, max: 5 });
    expect(findProperty('MaxConcurrentRequests')).toMatchObject({ min: 1, max: 64 });
  });

  it('marks exactly the client secret, tokens, verifier and cache URL (it may hold a password) as secret', () => {
    const secrets = connectionProperties.filter((d) => d.secret).map((d) => d.name);
    expect(secrets.sort()).toEqual([
      'CacheConnection',
      'OAuthAccessToken',
      'OAuthClientSecret',
      'OAuthRefreshToken',
      'OAuthVerifier',
    ]);
  });

  it('names every environment variable BIGCOMMERCE_<UPPERCASE NAME>', () => {
    for (const d of connectionProperties) expect(d.env).toBe(`BIGCOMMERCE_${d.name.toUpperCase()}`);
    expect(envName('OAuthClientId')).toBe('BIGCOMMERCE_OAUTHCLIENTID');
  });

  it('gives every property a group and a description that is a full sentence', () => {
    for (const d of connectionProperties) {
      expect(d.group).toBeTruthy();
      expect(d.description).toMatch(/^[A-Z`].*[.)]$/s);
    }
  });
});

describe('loadConnectionProperties', () => {
  it('accepts the shipped catalogue', () => {
    expect(loadConnectionProperties(catalogueJson())).toHaveLength(connectionProperties.length);
  });

  it('reports every schema problem together in one ERR_CATALOG error', () => {
    const json = catalogueJson();
    json.properties[0].type = 'text';
    delete json.properties[1].description;
    json.properties[2].colour = 'blue';
    const err = thrownBy(() => loadConnectionProperties(json, 'broken.json'));
    expect(err).toBeInstanceOf(CatalogError);
    expect(err.code).toBe('ERR_CATALOG');
    expect(err.message).toContain('broken.json');
    expect(err.message).toContain('(AuthScheme).type');
    expect(err.message).toContain("(StoreId) must have required property 'description'");
    expect(err.message).toContain('"colour"');
    expect((err.problems as string[]).length).toBeGreaterThanOrEqual(3);
  });

  it('reports cross-field problems: enum default outside values, bad alias, wrong env, default out of range', () => {
    const json = catalogueJson();
    const byName = (n: string) => json.properties.find((p) => p.name === n)!;
    byName('AuthScheme').default = 'Basic';
    byName('AuthScheme').valueAliases = { PAT: 'Token' };
    byName('Timeout').env = 'BIGCOMMERCE_TIME_OUT';
    byName('Verbosity').default = 9;
    byName('StoreId').requiredWhen = { AuthScheme: ['Nope'] };
    const err = thrownBy(() => loadConnectionProperties(json));
    expect(err.code).toBe('ERR_CATALOG');
    expect(err.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('AuthScheme: default "Basic" is not one of values'),
        expect.stringContaining('value alias "PAT" maps to "Token"'),
        expect.stringContaining('Timeout: env must be BIGCOMMERCE_TIMEOUT'),
        expect.stringContaining('Verbosity: default 9 is above max 5'),
        expect.stringContaining('StoreId: requiredWhen AuthScheme value "Nope"'),
      ]),
    );
  });

  it('rejects a property declared twice in different case', () => {
    const json = catalogueJson();
    json.properties.push({ ...json.properties[1], name: 'Storeid', env: 'BIGCOMMERCE_STOREID' });
    expect(thrownBy(() => loadConnectionProperties(json)).message).toContain('declared more than once');
  });

  it('rejects a default on a secret property', () => {
    const json = catalogueJson();
    json.properties.find((p) => p.name === 'OAuthClientSecret')!.default = 'x';
    expect(thrownBy(() => loadConnectionProperties(json)).message).toContain(
      'OAuthClientSecret: a secret property cannot have a default',
    );
  });
});

describe('property lookups', () => {
  it('finds properties case-insensitively by canonical name', () => {
    expect(findProperty('oauthclientid')?.name).toBe('OAuthClientId');
    expect(findProperty('  APIBASEURL ')?.name).toBe('ApiBaseURL');
    expect(findProperty('constructor')).toBeUndefined();
  });

  it('tells secret properties apart in any case', () => {
    expect(isSecretProperty('oauthclientsecret')).toBe(true);
    expect(isSecretProperty('OAuthClientId')).toBe(false);
    expect(isSecretProperty('NoSuchProperty')).toBe(false);
  });

  it('masks set secret values and leaves the rest alone', () => {
    expect(maskSecret('OAuthAccessToken', 'tok-123')).toBe(SECRET_MASK);
    expect(maskSecret('OAuthAccessToken', undefined)).toBeUndefined();
    expect(maskSecret('StoreId', 'abc')).toBe('abc');
    expect(maskSecrets({ StoreId: 'abc', OAuthClientSecret: 'shh' })).toEqual({
      StoreId: 'abc',
      OAuthClientSecret: SECRET_MASK,
    });
  });

  it('lists the secret values of resolved options for the logger', () => {
    const options = resolveOptions('OAuthClientSecret=sec-1;OAuthAccessToken=tok-2;StoreId=abc', {});
    expect(secretValues(options).sort()).toEqual(['sec-1', 'tok-2']);
  });
});

describe('describeOptions', () => {
  const rows = describeOptions(
    resolveOptions('OAuthClientSecret=very-secret-1;StoreId=abc;Timeout=30', {
      BIGCOMMERCE_LOGFILE: '/tmp/x.log',
    }),
  );
  const row = (name: string) => rows.find((r) => r.name === name)!;

  it('has one row per property in catalogue order', () => {
    expect(rows.map((r) => r.name)).toEqual([...propertyNames]);
  });

  it('shows values, defaults, allowed values, group and description', () => {
    expect(row('Timeout')).toMatchObject({ value: 30, default: 60, group: 'Connection', secret: false });
    expect(row('InitiateOAuth')).toMatchObject({ value: 'OFF', values: ['OFF', 'GETANDREFRESH', 'REFRESH'] });
    expect(row('Logfile').value).toBe('/tmp/x.log');
    expect(row('OAuthSettingsLocation')).toMatchObject({ value: null, default: null });
    expect(row('StoreId').description).toMatch(/store hash/);
  });

  it('masks a set secret and shows an unset one as null', () => {
    expect(row('OAuthClientSecret')).toMatchObject({ value: SECRET_MASK, secret: true });
    expect(row('OAuthAccessToken').value).toBeNull();
    expect(JSON.stringify(rows)).not.toContain('very-secret-1');
  });
});
