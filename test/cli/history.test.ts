import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { historyFile, loadHistory, mentionsSecret, saveHistory } from '../../src/cli/history';

describe('shell history', () => {
  it('lives in the user data folder that XDG_DATA_HOME names', () => {
    const before = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = '/tmp/some-data';
    try {
      expect(historyFile()).toBe(path.join('/tmp/some-data', 'bigcommerce-sql-nodejs', 'history'));
    } finally {
      if (before === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = before;
    }
  });

  it('saves entries oldest first and loads them back newest first, as readline wants', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-hist-')), 'deeper', 'history');
    saveHistory(file, ['SELECT 3;', 'SELECT 2;', 'SELECT 1;']);
    expect(fs.readFileSync(file, 'utf8')).toBe('SELECT 1;\nSELECT 2;\nSELECT 3;\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadHistory(file)).toEqual(['SELECT 3;', 'SELECT 2;', 'SELECT 1;']);
  });

  it('never writes a statement that passes a verifier, token or secret', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-hist-')), 'history');
    saveHistory(file, [
      "EXEC GetOAuthAccessToken AuthMode='WEB', Verifier='abc123';",
      "EXEC RefreshOAuthAccessToken OAuthRefreshToken = 'r-1';",
      'SELECT Id FROM Products;',
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe('SELECT Id FROM Products;\n');
    expect(mentionsSecret('SELECT Name FROM Brands')).toBe(false);
  });

  it('starts empty when there is no history file yet', () => {
    expect(loadHistory(path.join(os.tmpdir(), 'no-such-dir-bcsql', 'history'))).toEqual([]);
  });
});
