/**
 * scripts/ensure-test-tools, run where it cannot install (not root, no sudo): it must stop at once
 * and print the exact apt-get command for what is missing, without calling apt.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-test-tools');

let bin: string;

beforeAll(() => {
  // A PATH with no psql, javac, tmux, sudo or apt-get, and an `id` that says "not root".
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-tools-bin-'));
  fs.symlinkSync('/bin/ls', path.join(bin, 'ls'));
  fs.writeFileSync(path.join(bin, 'id'), '#!/bin/sh\necho 1000\n', { mode: 0o755 });
});

afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

describe('ensure-test-tools', () => {
  it('names the missing packages and the apt-get command to install them when it cannot install', () => {
    const r = spawnSync('/bin/sh', [SCRIPT], { encoding: 'utf8', env: { PATH: bin } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The tests need packages that are not installed: ');
    const command = /sudo apt-get update && sudo apt-get install -y --no-install-recommends (.+)/.exec(
      r.stderr,
    );
    expect(command?.[1].split(' ')).toEqual(
      expect.arrayContaining(['postgresql-client', 'default-jdk-headless', 'tmux']),
    );
    expect(r.stderr).not.toContain('installing');
  });

  it('finds everything the tests drive on this machine, so it returns without calling apt', () => {
    const r = spawnSync('/bin/sh', [SCRIPT], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
