import fc from 'fast-check';
import { ConnectionStringError } from '../../src/errors';
import { formatConnectionString, parseConnectionString } from '../../src/options/parseConnectionString';
import { propertyNames } from '../../src/options/properties';

// Characters that matter to the grammar, mixed into otherwise arbitrary text so that the
// interesting cases (quotes, braces, separators, edge whitespace) come up often.
const special = fc.constantFrom(
  ';',
  '=',
  "'",
  '"',
  '{',
  '}',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2028',
  'é',
  '😀',
  '\ufeff',
);
const text = fc
  .array(fc.oneof(special, fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ maxLength: 4 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const propertyMap = fc.dictionary(fc.constantFrom(...propertyNames), text, { maxKeys: 8 });

describe('connection strings (property-based)', () => {
  it('round-trips any map of property names to string values through format and parse', () => {
    fc.assert(
      fc.property(propertyMap, (map) => {
        expect(parseConnectionString(formatConnectionString(map))).toEqual(map);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips with a JDBC prefix and names in any case', () => {
    fc.assert(
      fc.property(propertyMap, fc.boolean(), (map, upper) => {
        const s = Object.entries(map)
          .map(([name, value]) => {
            const pair = formatConnectionString({ [name]: value });
            const cased = upper ? name.toUpperCase() : name.toLowerCase();
            return ` ${cased} ${pair.slice(name.length)}`;
          })
          .join(';');
        expect(parseConnectionString(`jdbc:cdata:bigcommerce:${s}`)).toEqual(map);
      }),
      { numRuns: 300 },
    );
  });

  it('either returns a map or throws a ConnectionStringError for any string', () => {
    const names = fc.constantFrom(...propertyNames, 'jdbc:bigcommerce:', 'Foo');
    const anyString = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.oneof(special, names, fc.string({ maxLength: 3 })), { maxLength: 20 })
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(anyString, (s) => {
        try {
          const result = parseConnectionString(s);
          for (const key of Object.keys(result)) expect(propertyNames).toContain(key);
        } catch (e) {
          expect(e).toBeInstanceOf(ConnectionStringError);
          const code = (e as ConnectionStringError).code;
          expect(['ERR_CONNECTION_STRING', 'ERR_UNKNOWN_PROPERTY']).toContain(code);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
