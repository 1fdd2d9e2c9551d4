// An open page reconnects by itself when the preview server restarts, and reloads to show the
// restarted server's version: node serve-restart.mjs URL
// Prints "ready" once the page is open; the caller then restarts the server on the same port.
import { launch, watchedPage, fail } from './lib.mjs';

const [url] = process.argv.slice(2);
const browser = await launch();
try {
  const { page } = await watchedPage(browser, new URL(url).origin);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => { window.__beforeRestart = true; });
  await page.waitForTimeout(300);
  console.log('ready');
  await page.waitForFunction(() => !window.__beforeRestart, null, { timeout: 30_000 });
  console.log('reloaded');
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
