/**
 * CreateBrandImage and DeleteBrandImage: a brand's image, uploaded from a local file (multipart
 * POST …/brands/{id}/image), set from a URL (PUT …/brands/{id} with image_url), or removed
 * (DELETE …/brands/{id}/image). Their files say `writes: true`, so a ReadOnly connection refuses
 * them before they run (engine/runProcedure.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { SqlError } from '../errors';
import type { Row } from '../types';
import type { ProcedureContext } from './types';

/** BigCommerce's limit for an image file (products_catalog.v3.yml, image uploads). */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const SCOPE = 'store_v2_products';

/** The file's bytes, or a clear error naming the path and what is wrong with it. */
async function imageFile(file: string): Promise<Buffer> {
  const bad = (why: string) =>
    new SqlError('ERR_INVALID_PARAMETER_VALUE', `CreateBrandImage: ImagePath "${file}" ${why}`, {
      property: 'ImagePath',
    });
  const info = await stat(file).catch(() => undefined);
  if (!info) throw bad('does not exist or cannot be read; give the path of a local image file');
  if (!info.isFile()) throw bad('is not a file');
  if (info.size > MAX_IMAGE_BYTES) throw bad(`is ${info.size} bytes; BigCommerce takes images up to 8 MB`);
  return readFile(file);
}

export async function createBrandImage(ctx: ProcedureContext, args: Record<string, unknown>): Promise<Row[]> {
  const brandId = args.BrandId as number;
  const file = args.ImagePath as string | undefined;
  const url = args.ImageUrl as string | undefined;
  if ((file === undefined) === (url === undefined)) {
    throw new SqlError(
      'ERR_INVALID_PARAMETER_VALUE',
      'CreateBrandImage takes exactly one of ImagePath (a local file to upload) and ImageUrl (an image for BigCommerce to fetch)',
      { property: file === undefined ? 'ImagePath' : 'ImageUrl' },
    );
  }
  if (file !== undefined && ctx.maskSecrets) {
    throw new SqlError(
      'ERR_INVALID_PARAMETER_VALUE',
      'CreateBrandImage: ImagePath reads a file on the machine running the provider, which a statement from another program (bcsql serve, the MCP server) may not do; give ImageUrl instead',
      { property: 'ImagePath' },
    );
  }
  const opts = { signal: ctx.signal, scope: SCOPE, table: 'Brands' };
  let imageUrl: unknown;
  if (file !== undefined) {
    const form = new FormData();
    form.append('image_file', new Blob([await imageFile(file)]), path.basename(file));
    const res = await ctx.client.request('POST', `/v3/catalog/brands/${brandId}/image`, {
      ...opts,
      body: form,
    });
    imageUrl = (res.json as { data?: { image_url?: unknown } } | undefined)?.data?.image_url;
  } else {
    const body = { image_url: url };
    const res = await ctx.client.request('PUT', `/v3/catalog/brands/${brandId}`, {
      ...opts,
      body,
      idempotent: true,
    });
    imageUrl = (res.json as { data?: { image_url?: unknown } } | undefined)?.data?.image_url;
  }
  return [{ BrandId: brandId, ImageUrl: typeof imageUrl === 'string' ? imageUrl : null }];
}

export async function deleteBrandImage(ctx: ProcedureContext, args: Record<string, unknown>): Promise<Row[]> {
  await ctx.client.request('DELETE', `/v3/catalog/brands/${args.BrandId as number}/image`, {
    signal: ctx.signal,
    scope: SCOPE,
    table: 'Brands',
    idempotent: true,
  });
  return [{ Success: true }];
}
