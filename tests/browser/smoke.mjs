// Smoke test for the browser tool chain:
// node http server on 127.0.0.1 -> Debian chromium via playwright-core ->
// axe-core accessibility scan -> screenshot.
// Usage: node tests/browser/smoke.mjs OUT.png
import http from 'node:http';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const out = process.argv[2];
if (!out) {
  console.error('usage: node smoke.mjs SCREENSHOT.png');
  process.exit(2);
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>supportbook smoke</title></head>
<body>
<main>
  <h1>supportbook smoke test</h1>
  <p>If you can read this, chromium rendered text with the installed fonts.</p>
  <button type="button" id="b">Press</button>
</main>
</body>
</html>`;

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(PAGE);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', // running as root
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking', // the sandboxed network refuses
      '--disable-component-update',      // chromium's own update/phone-home
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(() => window.axe.run(document));
  console.log(`chromium ${browser.version()}; axe ${results.testEngine.version}; ` +
    `violations: ${results.violations.length}`);
  for (const v of results.violations) {
    console.log(`  - ${v.id}: ${v.help} (${v.nodes.length} node(s))`);
  }
  await page.screenshot({ path: out, fullPage: true });
  console.log(`screenshot: ${out}`);
} finally {
  if (browser) await browser.close();
  server.close();
}
