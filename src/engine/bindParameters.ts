/**
 * Checks the user's parameters against the statement's placeholders before any HTTP request, and
 * turns them into what better-sqlite3 binds: `?` values positionally, `@name` values from an object
 * keyed by the name as written in the SQL (better-sqlite3 looks names up without the `@`). The
 * caller's keys are matched by src/sql/parameters' rule.
 */
import { SqlError } from '../errors';
import { lookupNamed } from '../sql/parameters';
import type { QueryParams } from '../types';
import { normaliseDateTime } from './sqlValues';

export interface BoundParameters {
  /** Arguments for Statement.all()/iterate(). */
  args: unknown[];
  /** The same values for planning: an array for `?`, an object for `@name`. */
  values: QueryParams | undefined;
}

/** An array stays one until typeComparisons expands it into an IN list (or rejects it). */
type Bindable = string | number | bigint | Buffer | null | Bindable[];

export function bindParameters(
  stmt: { positionalParams: number; namedParams: string[] },
  params: QueryParams | undefined,
): BoundParameters {
  const positional = stmt.positionalParams;
  const named = stmt.namedParams;
  if (positional > 0 && named.length > 0) {
    throw new SqlError(
      'ERR_SQL_SYNTAX',
      'the statement mixes ? and @name placeholders; use one kind (an array of values for ?, an object for @name)',
    );
  }
  if (positional > 0) {
    if (!Array.isArray(params)) {
      throw new SqlError(
        'ERR_MISSING_PARAMETER',
        `the statement has ${positional} ? placeholder${positional === 1 ? '' : 's'}; pass their values as an array: query(sql, [${Array.from({ length: positional }, (_, i) => `v${i + 1}`).join(', ')}])`,
      );
    }
    if (params.length < positional) {
      throw new SqlError(
        'ERR_MISSING_PARAMETER',
        `the statement has ${positional} ? placeholders but ${params.length} value${params.length === 1 ? ' was' : 's were'} given; pass one value per ?`,
        { property: `?${params.length + 1}` },
      );
    }
    if (params.length > positional) {
      throw new SqlError(
        'ERR_EXTRA_PARAMETER',
        `the statement has ${positional} ? placeholder${positional === 1 ? '' : 's'} but ${params.length} values were given; pass one value per ?`,
      );
    }
    const values = params.map((v, i) => bindable(v, `?${i + 1}`));
    return { args: values, values };
  }
  if (named.length > 0) {
    if (params === undefined || params === null || Array.isArray(params) || typeof params !== 'object') {
      throw new SqlError(
        'ERR_MISSING_PARAMETER',
        `the statement uses ${named.map((n) => `@${n}`).join(', ')}; pass their values as an object: query(sql, { ${named.map((n) => `${n}: …`).join(', ')} })`,
        { property: `@${named[0]}` },
      );
    }
    const obj: Record<string, Bindable> = {};
    for (const name of named) {
      const hit = lookupNamed(params, name);
      if (!hit.found || hit.value === undefined) {
        throw new SqlError(
          'ERR_MISSING_PARAMETER',
          `no value for @${name}; pass it in the parameters object as { ${name}: … }`,
          { property: `@${name}` },
        );
      }
      obj[name] = bindable(hit.value, `@${name}`);
    }
    return { args: [obj], values: obj };
  }
  if (Array.isArray(params) && params.length > 0) {
    throw new SqlError(
      'ERR_EXTRA_PARAMETER',
      `the statement has no ? placeholders but ${params.length} value${params.length === 1 ? ' was' : 's were'} given`,
    );
  }
  return { args: [], values: undefined };
}

/** JavaScript values SQLite can store: booleans as 1/0, dates in the staged ISO form, objects as JSON, arrays element by element. */
function bindable(v: unknown, name: string): Bindable {
  if (v === undefined) {
    throw new SqlError('ERR_MISSING_PARAMETER', `no value for ${name} (undefined); pass null for SQL NULL`, {
      property: name,
    });
  }
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return normaliseDateTime(v);
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? JSON.stringify(x) : bindable(x, name)));
  return JSON.stringify(v);
}
