// Shared launch of Debian's Chromium through playwright-core, with every request that would
// leave the local server recorded (so tests can assert that none does).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', // running as root
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking', // this machine's network refuses
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

/// Records, for every page of `context`, console errors, uncaught errors and requests to
/// anything but `origin` (data: and blob: URLs are local). Returns { problems }, a list that
/// grows as the pages run; each entry names the page it happened on.
export function watchContext(context, origin) {
  const problems = [];
  const where = (page) => { try { return page.url().replace(origin, '') || '/'; } catch { return '?'; } };
  const attach = (page) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${where(page)}: console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${where(page)}: page error: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) {
        problems.push(`${where(page)}: external request: ${url}`);
      }
    });
  };
  context.pages().forEach(attach);
  context.on('page', attach);
  return { problems };
}

/// A page that records console errors and requests to anything but `origin`.
export async function watchedPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const { problems } = watchContext(context, origin);
  const page = await context.newPage();
  return { page, problems, context };
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
}
