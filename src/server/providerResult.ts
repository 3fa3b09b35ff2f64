/**
 * A provider QueryResult as PostgreSQL rows: column types fixed per prepared statement (a client
 * that cached a RowDescription decodes later DataRows with it), values encoded per requested
 * format, and secrets masked, so BigCommerce credentials never leave the server even through a
 * procedure that returns the current token (RefreshOAuthAccessToken without a refresh token).
 */
import { isSecretProperty, SECRET_MASK } from '../options/properties';
import type { QueryResult } from '../types';
import * as msg from './protocol/backendMessages';
import type { EngineDescription } from './engine/CatalogEngine';
import { fieldOf, formatAt, oidOfDataType, type PgField } from './protocol/pgTypes';
import { encodeValue } from './protocol/valueCodec';

/** Result columns as the client will see them, before format codes are applied. */
export function resultFields(described: EngineDescription | null, result: QueryResult<unknown>): PgField[] {
  const typed = described?.fields;
  if (typed && typed.length === result.fields.length) return typed.map((f) => ({ ...f, format: 0 }));
  return result.fields.map((f) => fieldOf(f.name, oidOfDataType(f.dataType)));
}

export function withFormats(fields: readonly PgField[], formats: readonly number[]): PgField[] {
  return fields.map((f, i) => ({ ...f, format: formatAt(formats, i) }));
}

/** DataRow messages for the rows of `result` (arrays in column order, so same-named columns keep their values). */
export function encodeRows(
  fields: readonly PgField[],
  result: QueryResult<unknown[]>,
  formats: readonly number[],
  secrets: ReadonlySet<string>,
): Buffer[] {
  const names = result.fields.map((f) => f.name);
  return encodeRowValues(fields, names, result.rows, formats, secrets);
}

/** DataRow messages for rows of values whose provider column names are `names`. */
export function encodeRowValues(
  fields: readonly PgField[],
  names: readonly string[],
  rows: readonly unknown[][],
  formats: readonly number[],
  secrets: ReadonlySet<string>,
): Buffer[] {
  const secretColumn = names.map((n) => isSecretProperty(n));
  return rows.map((row) =>
    msg.dataRow(
      fields.map((f, i) => {
        let v = row[i];
        if (v !== null && v !== undefined && (secretColumn[i] || (typeof v === 'string' && secrets.has(v)))) {
          v = SECRET_MASK;
        }
        return encodeValue(v, f.typeOid, formatAt(formats, i));
      }),
    ),
  );
}

export function warningNotices(result: QueryResult<unknown>): Buffer[] {
  return result.warnings.map((w) => msg.noticeResponse(msg.errorFields('01000', w, {}, 'WARNING')));
}
