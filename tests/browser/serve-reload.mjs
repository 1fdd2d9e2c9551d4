// An open page reloads by itself after an edit: node serve-reload.mjs URL FILE NEEDLE
// Opens URL, appends a paragraph containing NEEDLE to the Markdown FILE, and waits for the
// page to reload (a marker set on the old page is gone) and show NEEDLE.
import fs from 'node:fs';
import { launch, watchedPage, fail } from './lib.mjs';

const [url, file, needle] = process.argv.slice(2);
const browser = await launch();
try {
  const origin = new URL(url).origin;
  const { page, problems } = await watchedPage(browser, origin);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => { window.__beforeEdit = true; });
  // Let the event stream connect before editing.
  await page.waitForTimeout(300);
  fs.appendFileSync(file, `\n\n${needle}\n`);
  await page.waitForFunction((n) => !window.__beforeEdit && document.body.innerText.includes(n), needle, { timeout: 20_000 });
  if (problems.length) fail(problems.join('\n'));
  else console.log('reloaded');
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
