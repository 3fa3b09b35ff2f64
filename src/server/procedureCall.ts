/**
 * Procedures called as PostgreSQL calls them: as set-returning functions in FROM
 * (`SELECT * FROM "GetOAuthAuthorizationURL"('http://…')`, JDBC's `{call …}`) and by CALL.
 *
 * PostgreSQL does the SQL: the call is replaced by a common table expression of the same name
 * holding the procedure's rows, and a second one holding the arguments, so the embedded engine
 * types the statement (parameters and all) and computes any projection, filter or join around the
 * call. The provider only runs the procedure, with the arguments PostgreSQL evaluated; its rows
 * arrive with secrets already masked, and are masked again here by column and by value.
 */
import type { ProcedureDef } from '../catalog/types';
import { SqlError } from '../errors';
import { isSecretProperty, SECRET_MASK } from '../options/properties';
import type { QueryResult } from '../types';
import { parameterType, quoteIdent, quoteLiteral } from './engine/catalogDdl';
import { SQL_TYPE_OF } from './protocol/pgTypes';
import {
  closingBracket,
  codeTokens,
  identName,
  isKeyword,
  isOp,
  splitAtCommas,
  type PgToken,
} from './pgLexer';

export interface ProcedureCallRoute {
  kind: 'procedureCall';
  procedure: ProcedureDef;
  /** CALL (tag CALL) rather than a SELECT. */
  call: boolean;
  /** Argument expressions by parameter name, as written. */
  args: Array<[string, string]>;
  /** The statement with the call replaced by the CTE's name: before and after the CTEs go. */
  head: string;
  body: string;
}

const ARGS_CTE = '"bcsql procedure arguments"';

/**
 * Finds `name(args)` of a procedure in FROM / JOIN (or the CALL statement) and returns its route;
 * null when the statement calls no procedure that way.
 */
export function procedureCallRoute(
  sql: string,
  lookup: (lowerName: string) => ProcedureDef | undefined,
): ProcedureCallRoute | null {
  let t = codeTokens(sql);
  const call = isKeyword(t[0], 'CALL');
  if (call) {
    sql = `SELECT * FROM ${sql.slice(t[1]?.start ?? sql.length).replace(/;\s*$/, '')}`;
    t = codeTokens(sql);
  }
  for (let i = 0; i < t.length; i++) {
    const def = isName(t[i]) ? lookup(t[i].value.toLowerCase()) : undefined;
    if (!def || !isOp(t[i + 1], '(')) continue;
    let start = i;
    if (isOp(t[i - 1], '.') && t[i - 2] && isName(t[i - 2])) start = i - 2;
    if (!isKeyword(t[start - 1], 'FROM', 'JOIN', 'LATERAL') && !isOp(t[start - 1], ',')) continue;
    const close = closing(t, i + 1);
    const args = namedArguments(def, t.slice(i + 2, close), sql);
    const head = sql.slice(0, t[start].start);
    const body = `${quoteIdent(def.name)}${sql.slice(t[close].end)}`;
    return { kind: 'procedureCall', procedure: def, call, args, head, body };
  }
  return null;
}

/** The statement to run, with the procedure's rows given as SQL (VALUES, or none). */
export function statementWith(route: ProcedureCallRoute, rows: string): string {
  const def = route.procedure;
  const columns = def.result.map((c) => quoteIdent(c.name)).join(', ');
  const args = route.args.length
    ? route.args.map(([n, e]) => `(${e})::${typeOf(def, n)}`).join(', ')
    : 'NULL';
  const ctes = `${ARGS_CTE} AS (SELECT ${args}), ${quoteIdent(def.name)}(${columns}) AS (${rows})`;
  const t = codeTokens(route.head);
  if (!isKeyword(t[0], 'WITH')) return `WITH ${ctes} ${route.head}${route.body}`;
  const after = isKeyword(t[1], 'RECURSIVE') ? t[1].end : t[0].end;
  return `${route.head.slice(0, after)} ${ctes},${route.head.slice(after)}${route.body}`;
}

/** No rows, typed: for describing the statement. */
export function noRows(def: ProcedureDef): string {
  return `SELECT ${def.result.map((c) => `NULL::${SQL_TYPE_OF[c.type]}`).join(', ')} WHERE false`;
}

/** The arguments' expressions, evaluated by the engine to text. */
export function argumentsQuery(route: ProcedureCallRoute): string | null {
  if (route.args.length === 0) return null;
  return `SELECT ${route.args.map(([n, e]) => `(${e})::${typeOf(route.procedure, n)}`).join(', ')}`;
}

/** The provider's EXEC of the procedure with the evaluated arguments (NULL: the default). */
export function providerCall(
  route: ProcedureCallRoute,
  values: Array<string | null>,
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  route.args.forEach(([name], i) => {
    const v = values[i];
    if (v === null) return;
    const type = typeOf(route.procedure, name);
    parts.push(`${name}=?`);
    params.push(
      type === 'integer' || type === 'double precision' ? Number(v) : type === 'boolean' ? v === 't' : v,
    );
  });
  return { sql: `EXEC ${route.procedure.name} ${parts.join(', ')}`, params };
}

/** The procedure's rows as VALUES, secrets masked. */
export function rowsAsValues(
  def: ProcedureDef,
  result: QueryResult<unknown[]>,
  secrets: ReadonlySet<string>,
): string {
  if (result.rows.length === 0) return noRows(def);
  const types = def.result.map((c) => SQL_TYPE_OF[c.type]);
  const secret = def.result.map((c) => c.secret === true || isSecretProperty(c.name));
  const literal = (v: unknown, i: number): string => {
    if (v === null || v === undefined) return `NULL::${types[i]}`;
    let text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (secret[i] || secrets.has(text)) text = SECRET_MASK;
    return `${quoteLiteral(text)}::${types[i]}`;
  };
  return `VALUES ${result.rows.map((r) => `(${def.result.map((_, i) => literal(r[i], i)).join(', ')})`).join(', ')}`;
}

function typeOf(def: ProcedureDef, name: string): string {
  return parameterType(def.parameters.properties[name]);
}

/** Positional arguments take the parameters in order; `name => value` (or `:=`) names one. */
function namedArguments(def: ProcedureDef, t: PgToken[], sql: string): Array<[string, string]> {
  const names = Object.keys(def.parameters.properties);
  const out: Array<[string, string]> = [];
  for (const part of splitAtCommas(t)) {
    const namedAt = isOp(part[1], '=>') ? 2 : isOp(part[1], ':') && isOp(part[2], '=') ? 3 : 0;
    let name: string | undefined;
    if (namedAt) {
      const written = identName(part[0]);
      name = names.find((n) => n === written) ?? names.find((n) => n.toLowerCase() === written.toLowerCase());
    } else if (out.length < names.length) name = names[out.length];
    if (!name || out.some(([n]) => n === name)) {
      const signature = names.map((n) => `${n} ${typeOf(def, n)}`).join(', ');
      throw new SqlError('ERR_SQL', `procedure ${def.name} does not take these arguments: its parameters are (${signature})`, { sqlState: '42883' }); // prettier-ignore
    }
    const expr = part.slice(namedAt);
    if (expr.length === 0) throw new SqlError('ERR_SQL_SYNTAX', 'syntax error: an argument has no value', { sqlState: '42601' }); // prettier-ignore
    out.push([name, sql.slice(expr[0].start, expr[expr.length - 1].end)]);
  }
  return out;
}

function isName(t: PgToken | undefined): t is PgToken {
  return !!t && (t.kind === 'word' || t.kind === 'quoted');
}

function closing(t: PgToken[], open: number): number {
  const close = closingBracket(t, open);
  if (close < 0) throw new SqlError('ERR_SQL_SYNTAX', 'syntax error at end of input: a parenthesis is not closed', { sqlState: '42601' }); // prettier-ignore
  return close;
}
