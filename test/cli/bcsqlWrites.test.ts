/** bcsql and writes: psql's command tags, RETURNING rows, and what \d says about writing. */
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { ensureBuilt, runCli } from './cliHarness';

let sim: Simulator;
let conn: Connection;
let connString: string;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ seed: 5, products: 30, customers: 5, orders: 5 });
  connString = simulatorConnectionString(sim);
  conn = await connect(connString);
}, 240_000);

afterAll(async () => {
  await conn?.close();
  await sim?.close();
});

describe('bcsql with writes', () => {
  it('prints INSERT 0 3 and UPDATE n as psql does, and the RETURNING rows above the tag', async () => {
    const script = [
      "INSERT INTO Brands (Name) VALUES ('Cli A'), ('Cli B'), ('Cli C');",
      "UPDATE Brands SET PageTitle = 'cli' WHERE Name LIKE 'Cli %';",
      "DELETE FROM Brands WHERE Name = 'Cli C' RETURNING Name;",
      '',
    ].join('\n');
    const r = await runCli([connString], { input: script });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^INSERT 0 3$/m);
    expect(r.stdout).toMatch(/^UPDATE 3$/m);
    expect(r.stdout).toMatch(/ Cli C\nDELETE 1\n/);
    const left = await conn.query("SELECT Name, PageTitle FROM Brands WHERE Name LIKE 'Cli %' ORDER BY Name");
    expect(left.rows).toEqual([
      { Name: 'Cli A', PageTitle: 'cli' },
      { Name: 'Cli B', PageTitle: 'cli' },
    ]);
  });

  it('keeps csv output to the RETURNING rows and puts the tag on stderr', async () => {
    const r = await runCli([
      connString,
      '--format',
      'csv',
      '-e',
      "UPDATE Brands SET PageTitle = 'x' WHERE Name = 'Cli A'",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('UPDATE 1\n');
  });

  it('marks in \\d which columns INSERT and UPDATE may set', async () => {
    const r = await runCli([connString, '-e', '\\d Brands']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ Name +\| string +\| +\| yes +\| =.* \| required +\| /m);
    expect(r.stdout).toMatch(/^ PageTitle +\| string +\| +\| yes +\| = +\| yes +\| /m);
    expect(r.stdout).toMatch(/^ Id +\| integer +\| PK .*\| +\| Unique/m);
    expect(r.stdout).toMatch(/^Writes: INSERT, UPDATE, DELETE;/m);
    const ro = await runCli([connString, '-e', '\\d OrderStatuses']);
    expect(ro.stdout).toMatch(/^Read-only: BigCommerce offers no writes for this table\.$/m);
  });
});
