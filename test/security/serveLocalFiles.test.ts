/**
 * A client of bcsql serve (or the MCP server) must not make the provider read files on the machine
 * it runs on: CreateBrandImage's ImagePath would upload any file the server can read to the store.
 * Statements on behalf of another program take ImageUrl only; the library and bcsql keep ImagePath.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from 'pg';
import { pgClient, START_TIMEOUT, startTestServer, type TestServer } from '../server/serverHarness';

let t: TestServer;
let c: Client;
let dir: string;
let file: string;
beforeAll(async () => {
  t = await startTestServer({ readWrite: true });
  c = await pgClient(t.port);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-local-file-'));
  file = path.join(dir, 'server-secret.png');
  // A PNG signature and IHDR start: the simulator checks that an upload is an image.
  fs.writeFileSync(file, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
}, START_TIMEOUT);
afterAll(async () => {
  await c?.end();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => t.sim.resetRequests());

const storeWrites = () => t.sim.requests.filter((r) => r.kind === 'api' && r.method !== 'GET');

describe('CreateBrandImage on behalf of another program', () => {
  it('refuses ImagePath through serve with 22023 naming ImageUrl, before any request', async () => {
    for (const sql of [
      `CALL "CreateBrandImage"("BrandId" => 2, "ImagePath" => '${file}')`,
      `SELECT * FROM "CreateBrandImage"("BrandId" => 2, "ImagePath" => '${file}')`,
    ]) {
      const err = await c.query(sql).then(
        () => undefined,
        (e: { code: string; message: string }) => e,
      );
      expect(err).toMatchObject({ code: '22023', message: expect.stringContaining('ImageUrl') });
    }
    expect(storeWrites()).toEqual([]);
  });

  it('still sets an image from a URL through serve', async () => {
    const r = await c.query(
      `CALL "CreateBrandImage"("BrandId" => 2, "ImageUrl" => 'https://images.test.example/b2.png')`,
    );
    // BrandId is a bigint, which node-postgres reads as a string.
    expect(r.rows).toEqual([{ BrandId: '2', ImageUrl: 'https://images.test.example/b2.png' }]);
    expect(storeWrites().map((q) => q.method)).toEqual(['PUT']);
  });

  it('refuses ImagePath for a library statement run with maskSecrets, and allows it without', async () => {
    const sql = 'EXEC CreateBrandImage BrandId = 3, ImagePath = ?';
    await expect(t.conn.query(sql, [file], { maskSecrets: true })).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAMETER_VALUE',
    });
    expect(storeWrites()).toEqual([]);
    await t.conn.query(sql, [file]);
    expect(storeWrites().map((q) => q.method)).toEqual(['POST']);
  });
});
