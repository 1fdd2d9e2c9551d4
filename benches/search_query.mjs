// Benchmark (not a test): what a search on a built site fetches and how fast its results show,
// in Chromium. Each query runs in a fresh context (nothing cached), typed key by key as a
// visitor types it (KEY_DELAY ms apart); the time is from the last key to the results shown,
// the bytes are every response of the search index (manifest, term and document files).
//   node benches/search_query.mjs SITE_DIR QUERY...
// Prints one line per query and the medians and maxima.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const { launch } = await import(path.join(HERE, '../tests/browser/lib.mjs'));
const { serve } = await import(path.join(HERE, '../tests/browser/static-server.mjs'));

const [dir, ...queries] = process.argv.slice(2);
if (!dir || !fs.existsSync(path.join(dir, 'api/search/index.json')) || !queries.length) {
  console.error('usage: node benches/search_query.mjs SITE_DIR QUERY...  (a built site)');
  process.exit(2);
}
const KEY_DELAY = Number(process.env.KEY_DELAY || 120);
const { server, origin } = await serve(dir, 0, '/');
const browser = await launch();
const rows = [];
try {
  for (const q of queries) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(origin + '/', { waitUntil: 'load' });
    let bytes = 0, files = 0;
    const pending = [];
    page.on('response', (r) => {
      if (!r.url().includes('/api/search/')) return;
      files++;
      pending.push(r.body().then((b) => { bytes += b.length; }, () => {}));
    });
    await page.focus('#sb-search');
    await page.keyboard.type(q.slice(0, -1), { delay: KEY_DELAY });
    await new Promise((r) => setTimeout(r, KEY_DELAY));
    const t0 = performance.now();
    await page.keyboard.type(q.slice(-1));
    await page.waitForFunction((query) => {
      const list = document.getElementById('sb-search-results');
      return list.dataset.query === query && !list.hidden;
    }, q, { timeout: 10_000, polling: 'raf' });
    const ms = performance.now() - t0;
    await Promise.all(pending);
    const first = await page.$eval('#sb-search-0 .search-title', (e) => e.textContent).catch(() => '(none)');
    rows.push({ q, ms, bytes, files, first });
    console.log(`${JSON.stringify(q).padEnd(48)} ${ms.toFixed(0).padStart(5)} ms ${(bytes / 1024).toFixed(1).padStart(7)} KB in ${String(files).padStart(2)} files  first: ${first}`);
    await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const ms = rows.map((r) => r.ms), kb = rows.map((r) => r.bytes / 1024);
console.log(`results shown after the last key: median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`);
console.log(`fetched per query: median ${median(kb).toFixed(1)} KB, max ${Math.max(...kb).toFixed(1)} KB`);
