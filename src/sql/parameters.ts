/**
 * The one rule for finding a named parameter, used by SELECT and EXEC alike: `@id`, `id`, `@ID`
 * and `ID` all name the same parameter (one leading `@` is dropped, case is ignored), so callers
 * may key a params object the way the SQL spells the placeholder or the way JavaScript spells a
 * property. Two keys naming the same parameter with different values is an error, not a silent pick.
 */
import { SqlError } from '../errors';
import type { QueryParams } from '../types';

function bare(name: string): string {
  return name.replace(/^@/, '').toLowerCase();
}

/** Every candidate that names `name` under the rule (none, one, or an ambiguous several). */
export function matchingNames(candidates: Iterable<string>, name: string): string[] {
  const want = bare(name);
  return [...candidates].filter((c) => bare(c) === want);
}

/**
 * The candidate that names `name`, or undefined. Throws ERR_DUPLICATE_PARAMETER when several do;
 * `where` says whose names they are, for the message ("the query params").
 */
export function findName(candidates: Iterable<string>, name: string, where: string): string | undefined {
  const found = matchingNames(candidates, name);
  if (found.length > 1) throw duplicate(found, name, where);
  return found[0];
}

function duplicate(keys: string[], name: string, where: string): SqlError {
  const shown = name.replace(/^@/, '');
  return new SqlError(
    'ERR_DUPLICATE_PARAMETER',
    `${where} give @${shown} more than once (${keys.map((k) => `"${k}"`).join(', ')}); keep one key for it`,
    { property: `@${shown}` },
  );
}

/** The object form of query params, or undefined for an array or no params. */
function namedParams(params: QueryParams | undefined): Record<string, unknown> | undefined {
  return params && !Array.isArray(params) && typeof params === 'object' ? params : undefined;
}

/**
 * Where the query params supply placeholder `@name`: `{ found: false }` when they do not (no object
 * given, or no key for it). Several keys for it are fine while they carry the same value (a SQL
 * text spelling `@id` and `@ID` binds both); different values throw ERR_DUPLICATE_PARAMETER.
 */
export function lookupNamed(
  params: QueryParams | undefined,
  name: string,
): { found: true; key: string; value: unknown } | { found: false } {
  const obj = namedParams(params);
  const keys = obj ? matchingNames(Object.keys(obj), name) : [];
  if (keys.length === 0) return { found: false };
  if (keys.some((k) => !Object.is(obj![k], obj![keys[0]]))) throw duplicate(keys, name, 'the query params');
  return { found: true, key: keys[0], value: obj![keys[0]] };
}

/** The value the query params give placeholder `@name`, or undefined when they give none. */
export function namedValue(params: QueryParams | undefined, name: string): unknown {
  const hit = lookupNamed(params, name);
  return hit.found ? hit.value : undefined;
}

/** Every value any key for `@name` carries, without judging ambiguity (for masking secrets). */
export function allNamedValues(params: QueryParams | undefined, name: string): unknown[] {
  const obj = namedParams(params);
  return obj ? matchingNames(Object.keys(obj), name).map((k) => obj[k]) : [];
}
