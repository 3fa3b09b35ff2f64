/**
 * Procedure handlers by the name procedures/<Name>.json gives in `handler`. An explicit table,
 * never loading by path, so a catalog file cannot make the provider run arbitrary code.
 */
import type { ProcedureContext } from './types';
import type { Row } from '../types';
import { createBrandImage, deleteBrandImage } from './brandImage';
import { getOAuthAccessToken } from './getOAuthAccessToken';
import { getOAuthAuthorizationURL } from './getOAuthAuthorizationURL';
import { refreshOAuthAccessToken } from './refreshOAuthAccessToken';

/** Gets validated arguments keyed by canonical parameter name (defaults filled); returns result rows. */
export type ProcedureHandler = (ctx: ProcedureContext, args: Record<string, unknown>) => Promise<Row[]>;

const handlers = new Map<string, ProcedureHandler>([
  ['getOAuthAuthorizationURL', getOAuthAuthorizationURL],
  ['getOAuthAccessToken', getOAuthAccessToken],
  ['refreshOAuthAccessToken', refreshOAuthAccessToken],
  ['createBrandImage', createBrandImage],
  ['deleteBrandImage', deleteBrandImage],
]);

export function findHandler(name: string): ProcedureHandler | undefined {
  return handlers.get(name);
}

export function handlerNames(): string[] {
  return [...handlers.keys()];
}
