// The search ranking test set (tests/fixtures/search/ranking.json) through the real search.js
// in Chromium, on a built site:
//   node tests/browser/search-ranking.mjs SITE_DIR QUERIES_JSON [--port N] [--top1 P] [--top3 P]
// Each query is typed key by key into the search box of the home page of its language (a
// query whose expected page is under `en/` is asked on /en/), in a fresh browser context (a
// cold cache: what one query fetches from api/search/ is its cost). It prints, per query, the
// top three pages and whether the expected one is first or in the three; then top-1 and top-3
// by kind and overall, and the bytes of the index fetched per query (median, max). Fails
// unless top-1 ≥ P1 % and top-3 ≥ P3 % (default 70 and 85), and on any console error or
// request leaving the site. Prints `N passed, M failed`.
import fs from 'node:fs';
import { launch, watchContext } from './lib.mjs';
import { serve } from './static-server.mjs';

const args = process.argv.slice(2);
const [siteDir, queriesFile] = args;
if (!siteDir || !queriesFile || !fs.existsSync(`${siteDir}/index.html`)) {
  console.error('usage: node tests/browser/search-ranking.mjs SITE_DIR QUERIES_JSON [--port N] [--top1 P] [--top3 P]');
  process.exit(2);
}
const opt = (name, d) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : d; };
const port = opt('--port', 0);
const TOP1 = opt('--top1', 70);
const TOP3 = opt('--top3', 85);
const QUERIES = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;

setTimeout(() => { console.log('FAIL the ranking did not finish within 900 s'); process.exit(1); }, 900_000).unref();
const { server, origin } = await serve(siteDir, port);
const browser = await launch();
let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length) { failed++; console.log(`FAIL ${name}: ${problems.join('; ')}`); } else passed++;
}

/// Types `q` on the home page of `lang` ('' or 'en/') in a fresh context; returns the pages
/// of the results (path under the site, without #anchor) and the bytes of api/search/ fetched.
export async function rank(browser, origin, lang, q) {
  const ctx = await browser.newContext();
  const seen = watchContext(ctx, origin);
  let bytes = 0;
  ctx.on('requestfinished', async (r) => {
    if (!r.url().includes('/api/search/')) return;
    try { const s = await r.sizes(); bytes += s.responseBodySize; } catch { /* gone */ }
  });
  const page = await ctx.newPage();
  await page.goto(`${origin}/${lang}`);
  await page.type('#sb-search', q, { delay: 30 });
  await page.waitForFunction((q) => {
    const list = document.getElementById('sb-search-results');
    return list.dataset.query === q && document.getElementById('sb-search-status').textContent !== '';
  }, q, { timeout: 10_000 });
  const pages = await page.$$eval('#sb-search-results a.search-result:not(.search-more)', (as) =>
    as.map((a) => { const u = new URL(a.href); return u.pathname.slice(1) + u.search; }));
  await page.waitForLoadState('networkidle');
  await ctx.close();
  return { pages, bytes, problems: seen.problems };
}

const byKind = {};
const costs = [];
let top1 = 0;
let top3 = 0;
for (const { q, expect, kind } of QUERIES) {
  const lang = expect.startsWith('en/') ? 'en/' : '';
  const r = await rank(browser, origin, lang, q);
  const at = r.pages.indexOf(expect);
  const k = (byKind[kind] ||= { n: 0, top1: 0, top3: 0 });
  k.n++;
  if (at === 0) { top1++; k.top1++; }
  if (at >= 0 && at < 3) { top3++; k.top3++; }
  costs.push(r.bytes);
  const mark = at === 0 ? 'top-1' : at > 0 && at < 3 ? 'top-3' : at > 0 ? `#${at + 1}` : 'MISS ';
  console.log(`${mark}  ${lang || 'it/'} ${JSON.stringify(q)} → ${expect}   [${r.pages.slice(0, 3).join(', ')}]  ${(r.bytes / 1024).toFixed(1)} KB`);
  report(`no console errors or outside requests for ${JSON.stringify(q)}`, r.problems);
}
const pct = (n, of) => (100 * n / of).toFixed(0);
for (const [kind, k] of Object.entries(byKind)) {
  console.log(`  ${kind.padEnd(8)} top-1 ${k.top1}/${k.n}, top-3 ${k.top3}/${k.n}`);
}
costs.sort((a, b) => a - b);
const median = costs[Math.floor(costs.length / 2)];
console.log(`top-1: ${top1}/${QUERIES.length} (${pct(top1, QUERIES.length)} %), top-3: ${top3}/${QUERIES.length} (${pct(top3, QUERIES.length)} %)`);
console.log(`index bytes per query (cold cache): median ${(median / 1024).toFixed(1)} KB, max ${(costs[costs.length - 1] / 1024).toFixed(1)} KB`);
report(`top-1 ≥ ${TOP1} %`, 100 * top1 / QUERIES.length >= TOP1 ? [] : [`${pct(top1, QUERIES.length)} %`]);
report(`top-3 ≥ ${TOP3} %`, 100 * top3 / QUERIES.length >= TOP3 ? [] : [`${pct(top3, QUERIES.length)} %`]);
report('median bytes per query ≤ 100 KB', median <= 100 * 1024 ? [] : [`${median} bytes`]);
report('max bytes per query ≤ 200 KB', costs[costs.length - 1] <= 200 * 1024 ? [] : [`${costs[costs.length - 1]} bytes`]);
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
