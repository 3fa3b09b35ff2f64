import { parseStatement } from '../../src/sql/parseStatement';
import type { ExecStatement, Operand, SelectStatement, SingleTableSelect } from '../../src/sql/types';

export const lit = (value: string | number | boolean | null): Operand => ({ kind: 'literal', value });
export const param = (index: number): Operand => ({ kind: 'param', index });
export const named = (name: string): Operand => ({ kind: 'named', name });

export function exec(sql: string): ExecStatement {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'exec') throw new Error(`expected an EXEC statement from ${sql}`);
  return stmt;
}

export function select(sql: string): SelectStatement {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'select') throw new Error(`expected a SELECT statement from ${sql}`);
  return stmt;
}

export function single(sql: string): SingleTableSelect {
  const s = select(sql).single;
  if (!s) throw new Error(`expected a single-table SELECT from ${sql}`);
  return s;
}

/** The error parseStatement throws, as a plain record (fails the test if nothing is thrown). */
export function parseError(sql: string): Record<string, unknown> & { code: string; message: string } {
  try {
    parseStatement(sql);
  } catch (err) {
    return err as Record<string, unknown> & { code: string; message: string };
  }
  throw new Error(`expected ${sql} to be rejected`);
}
