/**
 * The interactive shell through a real pseudo-terminal (tmux): typing a statement over several
 * lines, meta-commands, the progress bar, Ctrl-C to cancel a slow statement or clear the line,
 * history across runs, and quitting.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { CLI, ensureBuilt, Tmux } from './cliHarness';

let sim: Simulator;
let connString: string;
const tmux = new Tmux();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-tty-'));
const historyPath = path.join(home, 'data', 'bigcommerce-sql-nodejs', 'history');
let sessions = 0;

beforeAll(async () => {
  await ensureBuilt();
  // 600 products: three pages of 250, so a full scan shows the progress bar.
  sim = await startSimulator({ seed: 5, products: 600, customers: 10, orders: 10 });
  connString = simulatorConnectionString(sim);
}, 240_000);

afterAll(async () => {
  await tmux.kill();
  await sim?.close();
});

afterEach(() => sim.setLatency(0));

/** Starts bcsql on a 120x40 terminal with a clean environment and waits for its prompt. */
async function startShell(...args: string[]): Promise<string> {
  const name = `shell${++sessions}`;
  await tmux.start(name, [
    'env',
    '-i',
    `PATH=${process.env.PATH ?? ''}`,
    `HOME=${home}`,
    'TERM=xterm-256color',
    'LANG=C.UTF-8',
    `XDG_DATA_HOME=${path.join(home, 'data')}`,
    `XDG_CONFIG_HOME=${path.join(home, 'config')}`,
    `BIGCOMMERCE_CONNECTION=${connString}`,
    process.execPath,
    CLI,
    ...args,
  ]);
  await tmux.waitFor(name, /^bcsql>$/m);
  return name;
}

/** The screen ends with a fresh prompt. */
const atPrompt = (screen: string) => /\nbcsql>$/.test(screen);

/** Polls the simulator's request log (entries appear when a response starts or the client hangs up). */
async function waitForRequest(
  match: (r: Simulator['requests'][number]) => boolean,
): Promise<Simulator['requests'][number]> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = sim.requests.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no such request; the simulator saw: ${JSON.stringify(sim.requests)}`);
}

/** Quits with \q (or Ctrl-D) and expects exit status 0. */
async function quit(name: string, keys: string[] = ['\\q', 'Enter']): Promise<void> {
  await tmux.send(name, ...keys);
  expect(await tmux.waitForExit(name)).toBe(0);
}

describe('the interactive shell', () => {
  it('runs a statement typed over several lines, describes a table and quits with \\q', async () => {
    const name = await startShell();
    await tmux.send(name, 'SELECT Id, Name', 'Enter');
    await tmux.waitFor(name, /^ {3}->$/m);
    await tmux.send(name, 'FROM Brands ORDER BY Id LIMIT 3;', 'Enter');
    let screen = await tmux.waitFor(name, /\(3 rows\)/);
    expect(screen).toMatch(
      /^bcsql> SELECT Id, Name\n {3}-> FROM Brands ORDER BY Id LIMIT 3;\n Id \| Name\n-+\+-+\n +1 \| \S+/m,
    );

    await tmux.send(name, '\\d Products', 'Enter');
    screen = await tmux.waitFor(name, /Filters: WHERE operators sent to the API/);
    expect(screen).toMatch(/^ Id +\| integer +\| PK +\| no +\| = IN NOT IN/m);
    await quit(name);

    // The statement typed over two lines is one history entry.
    expect(fs.readFileSync(historyPath, 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['SELECT Id, Name FROM Brands ORDER BY Id LIMIT 3;', '\\d Products', '\\q']),
    );
  }, 60_000);

  it('brings back statements from an earlier run with the Up arrow', async () => {
    fs.mkdirSync(path.dirname(historyPath), { recursive: true });
    fs.writeFileSync(historyPath, 'SELECT Name FROM Brands ORDER BY Id LIMIT 1;\n');
    const name = await startShell();
    await tmux.send(name, 'Up');
    await tmux.waitFor(name, /^bcsql> SELECT Name FROM Brands ORDER BY Id LIMIT 1;$/m);
    await tmux.send(name, 'Enter');
    await tmux.waitFor(name, /\(1 row\)/);
    await quit(name, ['C-d']);
  }, 60_000);

  it('cancels a slow statement with Ctrl-C, says Cancelled and keeps working', async () => {
    const name = await startShell();
    // A first statement makes sure the connection is open, so the slow one goes straight to HTTP.
    await tmux.send(name, 'SELECT COUNT(*) AS n FROM Brands;', 'Enter');
    await tmux.waitFor(name, /\(1 row\)/);
    // Every API request now takes 3 s; Ctrl-C has to abort the one in flight.
    sim.setLatency(3000);
    sim.resetRequests();
    await tmux.send(name, 'SELECT * FROM Products;', 'Enter');
    await tmux.waitFor(name, /^bcsql> SELECT \* FROM Products;$/m);
    // The simulator shows a request only once it answers or the client hangs up, so there is no
    // event for "sent"; a short pause (well inside the 3 s) lets the request leave.
    await new Promise((r) => setTimeout(r, 300));
    await tmux.send(name, 'C-c');
    const screen = await tmux.waitFor(name, (s) => /\nCancelled\n/.test(s) && atPrompt(s));
    expect(screen).not.toMatch(/\(\d+ rows\)/);
    // The request in flight was dropped by the client: the simulator logs status 0 for it, not 200.
    const products = await waitForRequest((r) => r.path.endsWith('/v3/catalog/products'));
    expect(products.status).toBe(0);

    sim.setLatency(0);
    await tmux.send(name, 'SELECT Name FROM Brands ORDER BY Id LIMIT 2;', 'Enter');
    const after = await tmux.waitFor(name, /\(2 rows\)/);
    expect(after).not.toContain('ERROR');
    await quit(name);
  }, 60_000);

  it('clears the line and any unfinished statement on Ctrl-C at the prompt', async () => {
    const name = await startShell();
    await tmux.send(name, 'SELECT Id', 'Enter');
    await tmux.waitFor(name, /^ {3}->$/m);
    await tmux.send(name, 'garbage');
    await tmux.send(name, 'C-c');
    await tmux.waitFor(name, /-> \^C\nbcsql>$/);
    await tmux.send(name, 'SELECT COUNT(*) AS n FROM Brands;', 'Enter');
    const screen = await tmux.waitFor(name, /\(1 row\)/);
    expect(screen).not.toContain('ERROR');
    await quit(name);
  }, 60_000);

  it('shows a progress bar with pages and rows while a statement reads several pages, then removes it', async () => {
    const name = await startShell();
    sim.setLatency(700);
    await tmux.send(name, 'SELECT COUNT(*) AS n FROM Products WHERE Price >= 0;', 'Enter');
    await tmux.waitFor(name, /Products +\[[█░]{20}\] +\d\/3 pages +[\d,]+\/600 rows/);
    const done = await tmux.waitFor(name, /\(1 row\)/);
    expect(done).toMatch(/^ +600$/m);
    expect(done).not.toMatch(/\d\/3 pages/);
    await quit(name);
  }, 60_000);

  it('shows the OAuth authorization URL whole even though it is wider than the terminal', async () => {
    const name = await startShell();
    await tmux.send(name, "EXEC GetOAuthAuthorizationURL State='s1';", 'Enter');
    const screen = await tmux.waitFor(name, /\(1 row\)/);
    // -J joins the wrapped lines, so the URL reads back in one piece.
    const url = /^URL {3}\| (\S+)$/m.exec(screen)?.[1];
    expect(url).toBeDefined();
    expect(new URL(url as string).searchParams.get('state')).toBe('s1');
    await quit(name);
  }, 60_000);

  it('starts the demo store with --demo, shows the banner and answers SQL', async () => {
    const name = await startShell('--demo');
    const banner = await tmux.screen(name);
    expect(banner).toContain('bcsql demo: a simulated BigCommerce store');
    expect(banner).toContain('EXEC GetOAuthAuthorizationURL;');
    await tmux.send(name, 'SELECT COUNT(*) AS n FROM Customers;', 'Enter');
    await tmux.waitFor(name, /^ +100\n\(1 row\)$/m);
    await quit(name);
  }, 60_000);
});
