/**
 * A user in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): opens an
 * authorization URL, logs in and approves (or denies) on the simulator's page. No desktop browser
 * is ever involved. If /usr/bin/chromium is missing, launching fails and so does the test.
 */
import * as fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tempDir } from './oauthTestKit';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface ChromiumUser {
  /** Logs in and clicks #approve/#deny; resolves with the page once the browser has left the simulator. */
  authorize(url: string, action?: 'approve' | 'deny', onPage?: (page: Page) => Promise<void>): Promise<Page>;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function startChromiumUser(): Promise<ChromiumUser> {
  const profile = tempDir('chromium-profile-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async authorize(url, action = 'approve', onPage) {
      const page = await context.newPage();
      if (onPage) await onPage(page);
      await page.goto(url);
      await page.fill('#email', await page.inputValue('#email'));
      await page.fill('#password', await page.inputValue('#password'));
      const login = new URL(url).origin;
      await Promise.all([
        page.waitForURL((u) => !u.toString().startsWith(login), { waitUntil: 'commit' }),
        page.click(action === 'approve' ? '#approve' : '#deny'),
      ]);
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
