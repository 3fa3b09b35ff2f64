/**
 * A write endpoint: a path template, its scope, and a handler per method. A handler may carry
 * the batch limit its endpoint documents; the dispatcher refuses a longer array with 413 before
 * the body is validated, as BigCommerce does.
 */
import { pathPattern, type RouteCall, type Scope } from '../api/route';
import type { ApiReply } from '../types';

export type WriteMethod = 'POST' | 'PUT' | 'DELETE';

export interface WriteHandler {
  (call: RouteCall): ApiReply;
  /** Most rows one request may carry (an array body). */
  batchLimit?: number;
}

export interface WriteRoute {
  template: string;
  pattern: RegExp;
  scope: Scope;
  methods: Partial<Record<WriteMethod, WriteHandler>>;
}

export function writeRoute(
  template: string,
  scope: Scope,
  methods: Partial<Record<WriteMethod, WriteHandler>>,
): WriteRoute {
  return { template, pattern: pathPattern(template), scope, methods };
}

/** A handler that takes at most `limit` rows per request. */
export function batch(limit: number, handler: (call: RouteCall) => ApiReply): WriteHandler {
  return Object.assign((call: RouteCall) => handler(call), { batchLimit: limit });
}
