/**
 * PostgreSQL type OIDs the endpoint produces or reads, and how provider types map onto them.
 *
 * Provider types map as they do in every PostgreSQL table the project fills (engine/pgColumns.ts):
 * integer → int8, decimal → numeric, string → text, boolean → bool, datetime → timestamptz (UTC,
 * '+00'), json → jsonb. Statements on store tables run in PostgreSQL over tables of those types, so
 * a client sees the same types there as from a PostgreSQL replica; expressions keep PostgreSQL's
 * own typing (count(*) → int8, avg(numeric) → numeric).
 */
import { pgType } from '../../engine/pgColumns';
import type { DataType } from '../../types';

export const OID = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  xml: 142,
  float4: 700,
  float8: 701,
  unknown: 705,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

/** typlen for RowDescription: fixed sizes, -1 for variable length. */
const SIZES: Record<number, number> = {
  [OID.bool]: 1,
  [OID.char]: 1,
  [OID.name]: 64,
  [OID.int8]: 8,
  [OID.int2]: 2,
  [OID.int4]: 4,
  [OID.oid]: 4,
  [OID.float4]: 4,
  [OID.float8]: 8,
  [OID.date]: 4,
  [OID.time]: 8,
  [OID.timestamp]: 8,
  [OID.timestamptz]: 8,
  [OID.uuid]: 16,
};

export function typeSize(oid: number): number {
  return SIZES[oid] ?? -1;
}

const BY_DATA_TYPE: Record<DataType, number> = {
  integer: OID.int8,
  decimal: OID.numeric,
  string: OID.text,
  boolean: OID.bool,
  datetime: OID.timestamptz,
  json: OID.jsonb,
};

export function oidOfDataType(t: DataType): number {
  return BY_DATA_TYPE[t] ?? OID.text;
}

/** The SQL type a provider type has in the engine's tables and procedure results (the one mapping). */
export const SQL_TYPE_OF: Record<DataType, string> = {
  integer: pgType('integer'),
  decimal: pgType('decimal'),
  string: pgType('string'),
  boolean: pgType('boolean'),
  datetime: pgType('datetime'),
  json: pgType('json'),
};

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(OID).map(([k, v]) => [v, k]));

/** For messages: `int4`, `timestamptz`, or `type 1234`. */
export function typeName(oid: number): string {
  return NAMES[oid] ?? `type ${oid}`;
}

/** One column of a RowDescription. */
export interface PgField {
  name: string;
  tableOid: number;
  column: number;
  typeOid: number;
  typeSize: number;
  typeMod: number;
  /** 0 text, 1 binary. */
  format: number;
}

export function fieldOf(name: string, typeOid: number): PgField {
  return { name, tableOid: 0, column: 0, typeOid, typeSize: typeSize(typeOid), typeMod: -1, format: 0 };
}

/**
 * The format code of column `i` from a Bind message's result-format list: none means all text,
 * one applies to every column, otherwise one per column.
 */
export function formatAt(formats: readonly number[], i: number): number {
  if (formats.length === 0) return 0;
  return formats.length === 1 ? formats[0] : (formats[i] ?? 0);
}
