/**
 * Secrets never reach the shell's history file nor the Logfile, whichever form passes them:
 * positional EXEC arguments, a quoted "Verifier", or `'<code>' = Verifier` in a SELECT over the
 * procedure. Decided from the parsed statement and the procedure definitions, so harmless
 * statements that merely contain words like "token=" are kept.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connect } from '../../src';
import { mentionsSecret, saveHistory } from '../../src/cli/history';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { startSimulator, type Simulator } from '../../src/simulator';
import { CLI, ensureBuilt, Tmux } from '../cli/cliHarness';

const CALLBACK = 'http://127.0.0.1:9/cb';
const LEAKY = [
  `EXEC GetOAuthAccessToken 'WEB', NULL, '${CALLBACK}', 'code-positional-1';`,
  `EXEC RefreshOAuthAccessToken 'token-positional-2';`,
  `EXEC GetOAuthAccessToken AuthMode='WEB', CallbackURL='${CALLBACK}', "Verifier"='code-quoted-3';`,
  `SELECT * FROM GetOAuthAccessToken WHERE 'code-reversed-4' = Verifier AND AuthMode = 'WEB';`,
  `EXPLAIN SELECT * FROM GetOAuthAccessToken WHERE [Verifier] = 'code-explain-5';`,
  `SELECT * FROM GetOAuthAccessToken WHERE Verifier = 'code-or-6' OR 1 = 1;`,
  `EXEC GetOAuthAccessToken 'WEB' 'code-unparsed-7';`,
];
const SECRETS = [
  'code-positional-1',
  'token-positional-2',
  'code-quoted-3',
  'code-reversed-4',
  'code-explain-5',
  'code-or-6',
  'code-unparsed-7',
];
const HARMLESS = [
  'SELECT Id FROM Products;',
  "SELECT Name FROM Products WHERE Name = 'token=abc';",
  "EXEC GetOAuthAccessToken AuthMode='APP', Scope='store_v2_products';",
  '\\d Products',
];

describe('shell history', () => {
  it('leaves out every statement that passes a secret, in any form, and keeps the rest', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-sec-hist-')), 'history');
    saveHistory(file, [...HARMLESS, ...LEAKY].reverse());
    const saved = fs.readFileSync(file, 'utf8');
    expect(saved.trim().split('\n')).toEqual(HARMLESS);
    for (const s of SECRETS) expect(saved).not.toContain(s);
  });

  it('judges each statement of a line typed with several', () => {
    expect(mentionsSecret(`SELECT 1; ${LEAKY[1]}`)).toBe(true);
    expect(mentionsSecret(`SELECT 1; SELECT 2;`)).toBe(false);
  });
});

describe('the interactive shell and the Logfile', () => {
  let sim: Simulator;
  const tmux = new Tmux();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-sec-tty-'));

  beforeAll(async () => {
    await ensureBuilt();
    sim = await startSimulator({ products: 2, customers: 1, orders: 1 });
  }, 240_000);
  afterAll(async () => {
    await tmux.kill();
    await sim?.close();
  });

  it('writes none of the secrets typed in a real terminal to the history file or the Logfile', async () => {
    const logfile = path.join(home, 'bcsql.log');
    const conn = `${simulatorConnectionString(sim)};Logfile=${logfile};Verbosity=5`;
    await tmux.start('hist', [
      'env',
      '-i',
      `PATH=${process.env.PATH ?? ''}`,
      `HOME=${home}`,
      'TERM=xterm-256color',
      `XDG_DATA_HOME=${path.join(home, 'data')}`,
      `XDG_CONFIG_HOME=${path.join(home, 'config')}`,
      `BIGCOMMERCE_CONNECTION=${conn}`,
      process.execPath,
      CLI,
    ]);
    await tmux.waitFor('hist', /^bcsql>$/m);
    for (const line of [...LEAKY, HARMLESS[0]]) {
      await tmux.send('hist', line, 'Enter');
      await tmux.waitFor('hist', /\nbcsql>$/);
    }
    await tmux.send('hist', '\\q', 'Enter');
    expect(await tmux.waitForExit('hist')).toBe(0);
    const history = fs.readFileSync(path.join(home, 'data', 'bigcommerce-sql-nodejs', 'history'), 'utf8');
    expect(history).toContain(HARMLESS[0]);
    const log = fs.readFileSync(logfile, 'utf8');
    expect(log).toContain('GetOAuthAccessToken');
    for (const s of SECRETS) {
      expect(history).not.toContain(s);
      expect(log).not.toContain(s);
    }
  }, 120_000);

  it('keeps the reversed form out of the Logfile at Verbosity 2 through the library', async () => {
    const logfile = path.join(home, 'lib.log');
    const conn = await connect(`${simulatorConnectionString(sim)};Logfile=${logfile};Verbosity=2`);
    try {
      await expect(
        conn.query(
          `SELECT * FROM GetOAuthAccessToken WHERE 'code-reversed-4' = Verifier AND AuthMode = 'WEB' AND CallbackURL = '${CALLBACK}'`,
        ),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_/) });
    } finally {
      await conn.close();
    }
    const log = fs.readFileSync(logfile, 'utf8');
    expect(log).toContain('statement: SELECT * FROM GetOAuthAccessToken WHERE');
    expect(log).not.toContain('code-reversed-4');
  });
});
