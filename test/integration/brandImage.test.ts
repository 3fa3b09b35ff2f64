/**
 * CreateBrandImage and DeleteBrandImage through connect() against the simulator: a local file
 * goes up as multipart/form-data, a URL is set on the brand, and reads of Brands see the change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from '../../src';
import { simKit, type SimKit } from '../helpers/simKit';

// The 8-byte PNG signature and an IHDR chunk's start: enough for a server to tell a PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let kit: SimKit;
let conn: Connection;
let dir: string;
beforeAll(async () => {
  kit = await simKit({ products: 5, customers: 1, orders: 1 });
  conn = await kit.connectWith();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brand-image-'));
});
afterAll(async () => {
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => kit.sim.resetRequests());

const imageOf = async (id: number) =>
  (await conn.query('SELECT ImageUrl FROM Brands WHERE Id = ?', [id])).rows[0].ImageUrl;

describe('CreateBrandImage and DeleteBrandImage', () => {
  it('uploads a local file as multipart/form-data, in one request, and Brands serves the new URL', async () => {
    const file = path.join(dir, 'Acme Logo.png');
    fs.writeFileSync(file, PNG);
    const r = await conn.query('EXEC CreateBrandImage BrandId = 2, ImagePath = ?', [file]);
    expect(r.requestCount).toBe(1);
    expect(kit.apiRequests().map((q) => [q.method, q.path.replace(/^\/stores\/[^/]+/, '')])).toEqual([
      ['POST', '/v3/catalog/brands/2/image'],
    ]);
    const url = r.rows[0].ImageUrl as string;
    expect(r.rows).toEqual([{ BrandId: 2, ImageUrl: expect.stringMatching(/\/acme-logo__\d+\.png$/) }]);
    expect(await imageOf(2)).toBe(url);
  });

  it('sets an image URL on the brand with one PUT', async () => {
    const r = await conn.query(
      "EXEC CreateBrandImage @BrandId = 3, @ImageUrl = 'https://images.test.example/b3.jpg'",
    );
    expect(r.rows).toEqual([{ BrandId: 3, ImageUrl: 'https://images.test.example/b3.jpg' }]);
    expect(kit.apiRequests().map((q) => q.method)).toEqual(['PUT']);
    expect(await imageOf(3)).toBe('https://images.test.example/b3.jpg');
  });

  it('deletes a brand image, leaving the brand', async () => {
    await conn.query("EXEC CreateBrandImage BrandId = 4, ImageUrl = 'https://images.test.example/b4.png'");
    kit.sim.resetRequests();
    const r = await conn.query('EXEC DeleteBrandImage BrandId = 4');
    expect(r.rows).toEqual([{ Success: true }]);
    expect(kit.apiRequests().map((q) => q.method)).toEqual(['DELETE']);
    expect(await imageOf(4)).toBe('');
  });

  it('refuses a file that is not an image with the API error, and a missing file before any request', async () => {
    const text = path.join(dir, 'notes.png');
    fs.writeFileSync(text, 'just text');
    await expect(
      conn.query('EXEC CreateBrandImage BrandId = 2, ImagePath = ?', [text]),
    ).rejects.toMatchObject({
      code: 'ERR_API_INVALID_REQUEST',
      message: expect.stringContaining('not an image'),
    });
    kit.sim.resetRequests();
    const missing = path.join(dir, 'nowhere.png');
    await expect(
      conn.query('EXEC CreateBrandImage BrandId = 2, ImagePath = ?', [missing]),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAMETER_VALUE',
      message: expect.stringContaining(missing),
    });
    await expect(conn.query('EXEC CreateBrandImage BrandId = 2')).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAMETER_VALUE',
    });
    expect(kit.apiRequests()).toEqual([]);
  });

  it('answers a brand that does not exist with ERR_API_NOT_FOUND', async () => {
    await expect(conn.query('EXEC DeleteBrandImage BrandId = 9999')).rejects.toMatchObject({
      code: 'ERR_API_NOT_FOUND',
    });
  });

  it('is refused on a ReadOnly connection before any request', async () => {
    const ro = await kit.connectWith({ ReadOnly: true });
    kit.sim.resetRequests();
    for (const sql of [
      'EXEC DeleteBrandImage BrandId = 2',
      "EXEC CreateBrandImage BrandId = 2, ImageUrl = 'https://x.test/a.png'",
    ]) {
      await expect(ro.query(sql)).rejects.toMatchObject({ code: 'ERR_READ_ONLY_CONNECTION' });
    }
    expect(kit.apiRequests()).toEqual([]);
  });
});
