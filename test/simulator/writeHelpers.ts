/** Shared helpers for the simulator's write tests: calls straight into the API, and spec checks. */
import { handleApi } from '../../src/simulator/api';
import type { ApiRecord, SimStore } from '../../src/simulator/store';
import type { ApiReply } from '../../src/simulator/types';
import { specProblems } from './specSchemas';

export type Call = (method: string, path: string, body?: unknown, query?: string) => ApiReply;

export function caller(store: SimStore): Call {
  return (method, path, body, query = '') =>
    handleApi(store, { method, path, query: new URLSearchParams(query), body });
}

/** The `data` of a v3 reply. */
export function data<T = ApiRecord>(reply: ApiReply): T {
  return (reply.body as { data: T }).data;
}

/** Asserts the reply is what `file` documents for `method specPath` at its status. */
export function expectSpec(
  reply: ApiReply,
  file: string,
  specPath: string,
  method: string,
  allowed: string[] = [],
): void {
  const problems = specProblems(file, specPath, method.toLowerCase(), reply.status, reply.body);
  expect(problems.filter((p) => !allowed.some((a) => p.startsWith(`${a} `)))).toEqual([]);
}
