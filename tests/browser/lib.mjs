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

/// A page that records console errors and requests to anything but `origin`.
export async function watchedPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`external request: ${url}`);
  });
  return { page, problems, context };
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
}
