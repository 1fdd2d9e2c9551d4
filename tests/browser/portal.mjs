// The built portal as customers use it, in headless Chromium:
//   node tests/browser/portal.mjs SITE_DIR [--port N]
// SITE_DIR is a `supportbook build` of content-example/ (built with --base-url
// http://127.0.0.1:N/ when --port is given): Italian at the root, English under /en/. Every
// page of both is checked with axe and at 360 px; the route finder, "open now" and the
// keyboard on the English pages, against `supportbook route --format json --lang en` (its
// hours name weekdays in English) and hand-written English texts; the Italian pages' words,
// prices and finder by the italian variant. The binary is $SUPPORTBOOK_BIN (default
// target/debug/supportbook) and the site $SUPPORTBOOK_SITE (default content-example).
// Screenshots go to $SCREENSHOT_DIR (default target/screenshots).
// Other builds, each on its own port (see portal-sites.mjs), are checked too when given:
//   --variant subpath DIR PORT SOURCE   content-example built for http://127.0.0.1:PORT/support/
//   --variant italian DIR PORT SOURCE   content-example (Italian at the root) on another port
//   --variant scale:SIZE DIR PORT SOURCE  gen_site.py's SIZE site
// The search box is checked on the subpath and scale builds and on an Italian site it builds
// itself (portal-search.mjs).
// (SOURCE is the site folder that `supportbook route` reads for the expected answers.)
// Prints one line per failure and `N passed, M failed`; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';

import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';
import { serve } from './static-server.mjs';
import { Checks, watch, htmlPages, pagePath, words } from './portal-lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const args = process.argv.slice(2);
const siteDir = args[0];
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node tests/browser/portal.mjs SITE_DIR [--port N]  (SITE_DIR: a built site)');
  process.exit(2);
}
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
const variants = args.flatMap((a, i) => a === '--variant'
  ? [{ kind: args[i + 1].split(':')[0], size: args[i + 1].split(':')[1], dir: args[i + 2], port: Number(args[i + 3]), source: args[i + 4] }]
  : []);
const BIN = process.env.SUPPORTBOOK_BIN || path.join(ROOT, 'target/debug/supportbook');
const SITE = process.env.SUPPORTBOOK_SITE || path.join(ROOT, 'content-example');
const SHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(ROOT, 'target/screenshots'));
const AXE = path.join(HERE, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const started = Date.now();
// A hung browser fails the run instead of hanging it.
// (Two editions of every page here: Italian at the root and English under /en/.)
setTimeout(() => { console.log('FAIL browser tests did not finish within 420 s'); process.exit(1); }, 420_000).unref();
const checks = new Checks();
const { server, origin } = await serve(siteDir, port);
const browser = await launch();
const W = words(fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8'), path.join(ROOT, 'themes/default/i18n.json'));
const pages = htmlPages(siteDir).map(pagePath);
const url = (p) => origin + '/' + p;
// The English edition: its words, and its pages under /en/.
const EN = { lang: 'en', url: (p) => url('en/' + p), W: words(fs.readFileSync(path.join(siteDir, 'en/index.html'), 'utf8'), path.join(ROOT, 'themes/default/i18n.json')) };
// PORTAL_ONLY=axe,route,... runs only those sections (for work on one part; CI runs all).
const ONLY = process.env.PORTAL_ONLY ? process.env.PORTAL_ONLY.split(',') : null;
let mark = Date.now();
function section(name) {
  const now = Date.now();
  if (process.env.PORTAL_TIMES) console.log(`  (${((now - mark) / 1000).toFixed(1)} s)`);
  mark = now;
  return !ONLY || ONLY.includes(name);
}

/// A context (with `options`) whose pages are all watched; `done()` reports what they saw.
async function context(name, options = {}) {
  const ctx = await browser.newContext(options);
  const seen = watch(ctx, origin);
  return {
    ctx,
    seen,
    async page() { return ctx.newPage(); },
    async done() {
      await ctx.close();
      checks.record(`${name}: no console errors and no request leaving ${origin}`, seen.problems);
    },
  };
}

// A weekday morning in Milan (Tue 24 Nov 2026 13:30 CET): lunch break, so the office
// calendar is closed while the extended and 24×7 ones are open — both status colours show.
const LUNCH = new Date('2026-11-24T12:30:00Z');

try {
  // ---- Every page: axe in light and dark, no horizontal scrolling at 360 px ----------------
  // Light and dark run side by side (each in its own context).
  async function axeAll(scheme) {
    const c = await context(`axe (${scheme})`, { colorScheme: scheme, timezoneId: 'Europe/Rome' });
    const page = await c.page();
    await page.clock.setFixedTime(LUNCH);
    const run = async (name) => {
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
      checks.record(name, result.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
    };
    let n = 0;
    for (const p of pages) {
      await page.goto(url(p), { waitUntil: 'load' });
      await run(`axe ${scheme} /${p}`);
      n++;
    }
    // The route finder with an answer shown is checked too (not counted as a page).
    await page.goto(url('routing/?product=azure&issue=outage&severity=A&plan=premium'));
    await page.waitForSelector('#finder-answer h3');
    await run(`axe ${scheme} route finder answer`);
    console.log(`axe (${scheme}): ${n} pages checked`);
    await c.done();
  }
  if (section('axe')) await Promise.all(['light', 'dark'].map(axeAll));
  if (!ONLY || ONLY.includes('axe')) console.log(`axe: ${pages.length} HTML pages × 2 colour schemes = ${pages.length * 2} page checks`);

  if (section('narrow')) {
    const c = await context('narrow 360 px', { viewport: { width: 360, height: 780 }, timezoneId: 'Europe/Rome' });
    const page = await c.page();
    await page.clock.setFixedTime(LUNCH);
    for (const p of pages) {
      await page.goto(url(p), { waitUntil: 'load' });
      const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
      checks.record(`360 px /${p}: page does not scroll sideways`, w <= 360 ? [] : [`scrollWidth ${w} > 360`]);
    }
    // The plan comparison is stacked by row (portal-brand.mjs checks it cell by cell): nothing
    // of it is off the screen.
    await page.goto(url('plans/'));
    const box = await page.evaluate(() => {
      const t = document.querySelector('table.compare');
      return t && { display: getComputedStyle(t).display, right: Math.max(...[...t.querySelectorAll('tbody td')].map((td) => td.getBoundingClientRect().right)) };
    });
    checks.record('360 px plans/: the comparison is stacked, inside the screen', !box ? ['no table.compare']
      : [box.display === 'block' ? null : `the table is display:${box.display}`,
        box.right <= 360 ? null : `a cell reaches ${box.right} px`].filter(Boolean));
    // Between the stacked phone layout and the full width, the matrix is wider than the
    // screen: it scrolls inside its own box, the page does not.
    await page.setViewportSize({ width: 700, height: 800 });
    for (const p of pages.filter((x) => /^products\/[^/]+\/$/.test(x))) {
      await page.goto(url(p));
      const m = await page.evaluate(() => {
        const b = document.querySelector('.table-scroll.stack');
        return {
          page: document.scrollingElement.scrollWidth,
          box: b && { overflow: getComputedStyle(b).overflowX, sw: b.scrollWidth, cw: b.clientWidth, region: b.getAttribute('role'), tab: b.tabIndex },
        };
      });
      checks.record(`700 px /${p}: the matrix scrolls inside its own box`, [
        m.page <= 700 ? null : `page scrollWidth ${m.page} > 700`,
        !m.box ? 'no matrix box' : null,
        m.box && m.box.sw > m.box.cw && !['auto', 'scroll'].includes(m.box.overflow) ? `matrix is wider than its box but overflow-x is ${m.box.overflow}` : null,
        m.box && (m.box.region !== 'region' || m.box.tab < 0) ? 'the scrolling box is not a focusable region' : null,
      ]);
    }
    await c.done();
  }

  // ---- 404 ---------------------------------------------------------------------------------
  if (section('404')) {
    const c = await context('404');
    const page = await c.page();
    const r = await page.goto(url('no/such/page/'));
    const h1 = await page.textContent('h1');
    const styled = await page.evaluate(() => getComputedStyle(document.body).marginTop === '0px');
    checks.record('missing page answers 404 with the site\'s 404 page', [
      r.status() === 404 ? null : `status ${r.status()}`,
      h1 && h1.trim() ? null : 'no heading',
      styled ? null : 'the stylesheet is not applied at a nested missing URL',
    ].filter(Boolean));
    // The browser logs the 404 of the page itself; anything else is a problem.
    await page.close();
    const seen = c.seen.problems.splice(0);
    c.seen.problems.push(...seen.filter((x) => !/console: Failed to load resource: .* 404/.test(x) || !x.startsWith('/no/such/page/')));
    await c.done();
  }

  // ---- Route finder ------------------------------------------------------------------------
  const { routeCases } = await import('./portal-route.mjs');
  if (section('route')) await routeCases({ browser, origin, checks, context, BIN, SITE, pages, ...EN });

  // ---- Get help now, the finder entry, answers not covered ----------------------------------
  const { helpChecks } = await import('./portal-help.mjs');
  if (section('help')) await helpChecks({ url, checks, context, W, BIN, SITE, siteDir });

  // ---- Open now ----------------------------------------------------------------------------
  const { openNow } = await import('./portal-hours.mjs');
  if (section('hours')) await openNow({ checks, context, ...EN });

  // ---- Keyboard ----------------------------------------------------------------------------
  const { keyboard } = await import('./portal-keyboard.mjs');
  if (section('keyboard')) await keyboard({ checks, context, BIN, SITE, ...EN });

  // ---- Other builds: below a path, in Italian, at scale ------------------------------------
  const sites = await import('./portal-sites.mjs');
  const I18N = path.join(ROOT, 'themes/default/i18n.json');
  for (const v of variants) {
    const common = { browser, checks, dir: v.dir, port: v.port, BIN, SITE: v.source, i18n: I18N };
    if (v.kind === 'subpath' && section('subpath')) await sites.subpath(common);
    if (v.kind === 'italian' && section('italian')) await sites.italian({ ...common, AXE });
    if (v.kind === 'scale' && section('scale')) await sites.scale({ ...common, AXE, SHOTS, size: v.size });
  }

  // ---- Search: below a path, in Italian, at scale -------------------------------------------
  const { searchChecks } = await import('./portal-search.mjs');
  if (section('search')) await searchChecks({ browser, checks, variants, BIN, SHOTS, AXE, ROOT });

  // ---- Print -------------------------------------------------------------------------------
  if (section('print')) {
    const c = await context('print');
    const page = await c.page();
    const planPage = pages.find((p) => /^plans\/[^/]+\/$/.test(p));
    for (const p of [planPage, 'condizioni/', 'en/terms/']) {
      await page.goto(url(p));
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => ['.skip', '.site-header nav', '.site-footer', '.finder']
        .flatMap((s) => [...document.querySelectorAll(s)].map((e) => [s, getComputedStyle(e).display])));
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      checks.record(`print /${p}`, [
        ...shown.filter(([, d]) => d !== 'none').map(([s, d]) => `${s} is display:${d} in print`),
        shown.some(([s]) => s === '.site-header nav') ? null : 'no navigation found to hide',
        pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 2000 ? null : `page.pdf() gave ${pdf.length} bytes`,
      ].filter(Boolean));
      await page.emulateMedia({ media: 'screen' });
    }
    await c.done();
  }

  // ---- Screenshots -------------------------------------------------------------------------
  if (section('screenshots')) {
    fs.mkdirSync(SHOTS, { recursive: true });
    const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
    for (const [name, viewport] of Object.entries(sizes)) {
      const c = await context(`screenshots ${name}`, { viewport, timezoneId: 'Europe/Rome', isMobile: name === 'phone', hasTouch: name === 'phone' });
      const page = await c.page();
      await page.clock.setFixedTime(new Date('2026-11-24T09:00:00Z'));
      for (const [slug, p] of [['home', ''], ['plans', 'plans/'], ['routing', 'routing/?product=azure&issue=outage&severity=A&plan=premium']]) {
        await page.goto(url(p));
        if (slug === 'routing') await page.waitForSelector('#finder-answer h3');
        const file = path.join(SHOTS, `${slug}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        checks.record(`screenshot ${slug}-${name}.png`, fs.statSync(file).size > 1000 ? [] : ['empty screenshot']);
      }
      await c.done();
    }
    console.log(`screenshots (phone 390×844, desktop 1280×900): ${SHOTS}`);
  }
} catch (e) {
  checks.record('browser test run', [e.stack || String(e)]);
} finally {
  section('end');
  await browser.close();
  server.close();
}
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
checks.finish();

