/**
 * A stream abandoned half-read keeps store data in a staging file only until close(): close()
 * removes it, and a closed stream yields nothing more.
 */
import * as fs from 'node:fs';
import { liveStagingDirs } from '../../src/engine/stagingFiles';
import { simSetup, type SimSetup } from '../integration/simConnection';

let t: SimSetup;
beforeAll(async () => {
  t = await simSetup({ products: 20, customers: 1, orders: 1 });
});
afterAll(() => t.close());

it('close() removes the staging file of a stream left half-read, and next() then yields nothing', async () => {
  const conn = await t.connectWith({ StagingRowThreshold: 5 });
  const before = new Set(liveStagingDirs());
  const stream = conn.stream('SELECT Id FROM Products ORDER BY Id');
  expect((await stream.next()).value).toEqual({ Id: 1 });
  const dirs = liveStagingDirs().filter((d) => !before.has(d));
  expect(dirs).toHaveLength(1);
  expect(fs.existsSync(dirs[0])).toBe(true);
  await conn.close();
  expect(fs.existsSync(dirs[0])).toBe(false);
  expect(await stream.next()).toEqual({ value: undefined, done: true });
});
