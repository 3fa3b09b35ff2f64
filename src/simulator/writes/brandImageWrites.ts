/**
 * A brand's image (brands_catalog.v3.yml): POST /v3/catalog/brands/{id}/image uploads one as
 * multipart/form-data in the `image_file` part and answers the new image_url; DELETE removes it.
 * The file must be one of the image types BigCommerce takes, told by its first bytes as a server
 * would, not by its name.
 */
import { cdnUrl, type ApiRecord } from '../api/records/context';
import { v3NotFound } from '../api/respond';
import type { RouteCall } from '../api/route';
import { hash32, slugify } from '../seed';
import type { SimStore } from '../store';
import type { ApiReply } from '../types';
import { v3Fail } from './replies';

const SIGNATURES: [string, (b: Buffer) => boolean][] = [
  ['png', (b) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))],
  ['jpg', (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))],
  ['gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['bmp', (b) => b.subarray(0, 2).toString('latin1') === 'BM'],
  [
    'webp',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
];

function brandOf(store: SimStore, id: number): ApiRecord | undefined {
  return store.fixedSet('brands').find((b) => b.id === id);
}

export function postBrandImage({ store, req, params }: RouteCall): ApiReply {
  const brand = brandOf(store, params[0]);
  if (!brand) return v3NotFound('brand');
  const file = req.form?.find((p) => p.name === 'image_file' && p.filename !== undefined);
  if (!file) {
    return v3Fail(422, 'Send the image as multipart/form-data in a part named image_file, with a filename.', {
      image_file: 'is required',
    });
  }
  const ext = SIGNATURES.find(([, test]) => test(file.data))?.[0];
  if (!ext) {
    return v3Fail(422, 'The file is not an image BigCommerce accepts (BMP, GIF, JPEG, PNG or WEBP).', {
      image_file: 'is not an image',
    });
  }
  const stem = slugify(file.filename!.replace(/\.[^.]*$/, '')) || 'image';
  const n = 10000 + (hash32(file.data.length, brand.id as number, ...file.data.subarray(0, 64)) % 90000);
  brand.image_url = cdnUrl(store.context, `/product_images/k/${stem}__${n}.${ext}`);
  store.overlay.version++;
  return { status: 200, body: { data: { image_url: brand.image_url }, meta: {} } };
}

export function deleteBrandImage({ store, params }: RouteCall): ApiReply {
  const brand = brandOf(store, params[0]);
  if (!brand) return v3NotFound('brand');
  brand.image_url = '';
  store.overlay.version++;
  return { status: 204 };
}
