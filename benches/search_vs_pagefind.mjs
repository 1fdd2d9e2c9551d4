// Benchmark (not a test): supportbook's search against Pagefind on the same built pages and the
// same queries (tests/fixtures/search/ranking.json), in Chromium.
//   node benches/search_vs_pagefind.mjs SITE_DIR [QUERIES_JSON]
// SITE_DIR is `supportbook build content-example` (any base URL: the site is served at /).
// A copy of it is indexed by Pagefind (benches/pagefind: `npm ci` there, or
// .ci/install-deps.sh), which writes its own index under /pagefind/ and picks each page's
// language from <html lang> (Italian at the root, English under /en/).
// Each query, in a fresh browser context (cold cache), on the home page of its language:
//   supportbook  typed key by key into the search box; the result links, in order;
//   Pagefind     pagefind.search(query) through its own JS API, then the data of the first
//                three results (their URLs), as its UI would do.
// A result counts when its page (path, without #anchor) is the expected one. An issue type is
// expected as the route finder with it chosen (`routing/?issue=x`), a page Pagefind cannot
// index: for Pagefind, `routing/` (where every issue type is listed) counts as the expected
// page there. Prints top-1 and top-3 of both, by kind, and the bytes each fetched per query
// (its index files, median and max).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/browser/lib.mjs';
import { serve } from '../tests/browser/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [siteDir, queriesFile = path.join(here, '../tests/fixtures/search/ranking.json')] = process.argv.slice(2);
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node benches/search_vs_pagefind.mjs SITE_DIR [QUERIES_JSON]');
  process.exit(2);
}
const PAGEFIND = path.join(here, 'pagefind/node_modules/.bin/pagefind');
if (!fs.existsSync(PAGEFIND)) {
  console.error('pagefind is missing: run `npm ci` in benches/pagefind (or bash .ci/install-deps.sh)');
  process.exit(2);
}
const QUERIES = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-pagefind-'));
const site = path.join(tmp, 'site');
fs.cpSync(siteDir, site, { recursive: true });
let t0 = Date.now();
execFileSync(PAGEFIND, ['--site', site, '--silent']);
const pagefindMs = Date.now() - t0;
const du = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).reduce((n, f) => n + fs.statSync(f).size, 0);

const { server, origin } = await serve(site, 0);
const browser = await launch();

async function cold(lang, run, prefix) {
  const ctx = await browser.newContext();
  let bytes = 0;
  ctx.on('requestfinished', async (r) => {
    if (!r.url().includes(prefix)) return;
    try { bytes += (await r.sizes()).responseBodySize; } catch { /* gone */ }
  });
  const page = await ctx.newPage();
  await page.goto(`${origin}/${lang}`);
  const pages = await run(page);
  await page.waitForLoadState('networkidle');
  await ctx.close();
  return { pages, bytes };
}
const supportbook = (q) => async (page) => {
  await page.type('#sb-search', q, { delay: 30 });
  await page.waitForFunction((q) => document.getElementById('sb-search-results').dataset.query === q
    && document.getElementById('sb-search-status').textContent !== '', q, { timeout: 10_000 });
  return page.$$eval('#sb-search-results a.search-result:not(.search-more)', (as) =>
    as.map((a) => { const u = new URL(a.href); return u.pathname.slice(1) + u.search; }));
};
const pagefind = (q) => async (page) => page.evaluate(async (q) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({ baseUrl: '/' });
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 3).map((x) => x.data()));
  return data.map((d) => { const u = new URL(d.url, location.origin); return u.pathname.slice(1) + u.search; });
}, q);

const engines = { supportbook: { run: supportbook, prefix: '/api/search/' }, pagefind: { run: pagefind, prefix: '/pagefind/' } };
const stats = {};
for (const name of Object.keys(engines)) stats[name] = { top1: 0, top3: 0, bytes: [], kinds: {} };
for (const { q, expect, kind } of QUERIES) {
  const lang = expect.startsWith('en/') ? 'en/' : '';
  const line = [];
  for (const [name, e] of Object.entries(engines)) {
    const r = await cold(lang, e.run(q), e.prefix);
    const ok = (p) => p === expect || (name === 'pagefind' && expect.includes('?issue=') && p === expect.split('?')[0]);
    const at = r.pages.slice(0, 3).findIndex(ok);
    const s = stats[name];
    const k = (s.kinds[kind] ||= { n: 0, top1: 0, top3: 0 });
    k.n++;
    if (at === 0) { s.top1++; k.top1++; }
    if (at >= 0) { s.top3++; k.top3++; }
    s.bytes.push(r.bytes);
    line.push(`${name} ${at === 0 ? 'top-1' : at > 0 ? 'top-3' : 'miss '} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB`);
  }
  console.log(`${JSON.stringify(q).padEnd(36)} ${line.join('   ')}`);
}
const n = QUERIES.length;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`\n${n} queries over ${siteDir}; Pagefind indexed the copy in ${pagefindMs} ms (${(du(path.join(site, 'pagefind')) / 1024).toFixed(0)} KB); supportbook's index: ${(du(path.join(site, 'api/search')) / 1024 + (fs.existsSync(path.join(site, 'en/api/search')) ? du(path.join(site, 'en/api/search')) / 1024 : 0)).toFixed(0)} KB`);
console.log('| | top-1 | top-3 | KB per query, median | max |');
console.log('|---|---|---|---|---|');
for (const [name, s] of Object.entries(stats)) {
  console.log(`| ${name} | ${s.top1}/${n} | ${s.top3}/${n} | ${(median(s.bytes) / 1024).toFixed(1)} | ${(Math.max(...s.bytes) / 1024).toFixed(1)} |`);
}
console.log('\n| kind | supportbook top-1 | top-3 | Pagefind top-1 | top-3 |');
console.log('|---|---|---|---|---|');
for (const kind of Object.keys(stats.supportbook.kinds)) {
  const a = stats.supportbook.kinds[kind];
  const b = stats.pagefind.kinds[kind];
  console.log(`| ${kind} | ${a.top1}/${a.n} | ${a.top3}/${a.n} | ${b.top1}/${b.n} | ${b.top3}/${b.n} |`);
}
await browser.close();
server.close();
fs.rmSync(tmp, { recursive: true, force: true });
