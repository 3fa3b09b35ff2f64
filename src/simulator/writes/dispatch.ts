/**
 * Runs a write: batch limit (413), then the body against the endpoint's OpenAPI request schema
 * (422 with field errors on v3, 400 on v2), then the handler, which changes the store.
 */
import type { SimStore } from '../store';
import type { ApiReply, ApiRequest } from '../types';
import { batchTooLarge, invalidBody } from './replies';
import { bodyErrors, hasBodySchema } from './validateBody';
import type { WriteMethod, WriteRoute } from './writeRoute';

export function matchWrite(
  routes: readonly WriteRoute[],
  path: string,
): { route: WriteRoute; params: number[] } | undefined {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map(Number) };
  }
  return undefined;
}

export function runWrite(
  store: SimStore,
  req: ApiRequest,
  hit: { route: WriteRoute; params: number[] },
  method: WriteMethod,
): ApiReply {
  const handler = hit.route.methods[method]!;
  const v2 = hit.route.template.startsWith('/v2/');
  const limit = handler.batchLimit;
  if (limit !== undefined && Array.isArray(req.body) && req.body.length > limit) return batchTooLarge(limit);
  const key = `${method} ${hit.route.template}`;
  if (hasBodySchema(key)) {
    if (req.body === undefined) return invalidBody(v2, { body: 'a JSON request body is required' });
    const partial = method === 'PUT' && hit.route.template.endsWith('}');
    const errors = bodyErrors(key, req.body, partial);
    if (Object.keys(errors).length > 0) return invalidBody(v2, errors);
  }
  return handler({ store, req, params: hit.params });
}
