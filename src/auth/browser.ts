/**
 * Opening the authorization URL for the desktop flow. The launcher is replaceable so tests drive
 * a headless browser instead, and so that nothing under jest ever opens a desktop browser.
 */
import open from 'open';

/** Opens `url` for the user; rejects when no browser could be started. */
export type BrowserLauncher = (url: string) => Promise<void>;
/** Shows the URL to the user when no browser could be opened. */
export type UrlPrinter = (url: string) => void;

export interface BrowserHooks {
  launch: BrowserLauncher;
  print: UrlPrinter;
}

const systemBrowser: BrowserLauncher = async (url) => {
  if (process.env.JEST_WORKER_ID !== undefined) {
    throw new Error('opening a desktop browser is disabled under jest; inject a launcher');
  }
  const child = await open(url, { wait: false });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`browser opener exited with ${code}`)),
    );
    // Some openers stay running as the browser; still running after a while means it worked.
    setTimeout(resolve, 3000).unref();
  });
};

const printToStderr: UrlPrinter = (url) => {
  process.stderr.write(
    `\nOpen this URL in a browser to authorize bigcommerce-sql, then come back here:\n\n  ${url}\n\n`,
  );
};

let current: BrowserHooks = { launch: systemBrowser, print: printToStderr };

export function browserHooks(): BrowserHooks {
  return current;
}

/** Replaces the launcher and/or printer for this process; returns the previous hooks so a test can restore them. */
export function setBrowserHooks(hooks: Partial<BrowserHooks>): BrowserHooks {
  const previous = current;
  current = { ...current, ...hooks };
  return previous;
}
