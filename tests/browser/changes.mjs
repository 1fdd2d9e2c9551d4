// The published changes page (spec section 15) in Chromium:
//   node tests/browser/changes.mjs SITE_DIR [--port N]
// SITE_DIR is a `supportbook build --drafts` of content-example in a git repository with tagged
// versions (tests/browser.rs makes it). For the Italian and English changes pages, on a phone
// (360×780) and a desktop (1280×900), light and dark: axe (WCAG 2.1 A and AA), nothing wider
// than the screen, every link of a change and the feed link lead to a file of the site, the
// worse changes come first in each version and are marked, no console errors or outside
// requests; screenshots in $SCREENSHOT_DIR (default target/screenshots), named
// changes-<lang>-<size>-<scheme>.png.
// Prints one line per failure and `N passed, M failed`; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watchContext } from './lib.mjs';
import { serve } from './static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const AXE = path.join(HERE, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(ROOT, 'target/screenshots'));
const args = process.argv.slice(2);
const [siteDir] = args;
if (!siteDir || !fs.existsSync(path.join(siteDir, 'changes/index.html'))) {
  console.error('usage: node tests/browser/changes.mjs SITE_DIR [--port N]');
  process.exit(2);
}
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
setTimeout(() => { console.log('FAIL changes browser tests did not finish within 180 s'); process.exit(1); }, 180_000).unref();
fs.mkdirSync(SHOTS, { recursive: true });

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length) { failed++; console.log(`FAIL ${name}\n${problems.map((p) => `    - ${p}`).join('\n')}`); } else passed++;
}

const { server, origin } = await serve(siteDir, port);
const browser = await launch();
const SIZES = { phone: { width: 360, height: 780 }, desktop: { width: 1280, height: 900 } };
try {
  for (const [lang, prefix] of [['it', ''], ['en', 'en/']]) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const scheme of ['light', 'dark']) {
        const name = `/${prefix}changes/ ${size} ${scheme}`;
        const ctx = await browser.newContext({ viewport, colorScheme: scheme, timezoneId: 'Europe/Rome' });
        const seen = watchContext(ctx, origin);
        const page = await ctx.newPage();
        await page.goto(`${origin}/${prefix}changes/`, { waitUntil: 'load' });
        await page.addScriptTag({ path: AXE });
        const r = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        report(`axe ${name}`, r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
        const facts = await page.evaluate(() => {
          const doc = document.documentElement;
          const versions = [...document.querySelectorAll('section.version')].map((s) => {
            const items = [...s.querySelectorAll('li.change')];
            const firstNotWorse = items.findIndex((i) => !i.classList.contains('change-worse'));
            const lastWorse = items.map((i) => i.classList.contains('change-worse')).lastIndexOf(true);
            return {
              id: s.id,
              worseFirst: lastWorse < 0 || firstNotWorse < 0 || lastWorse < firstNotWorse,
              worseMarked: items.filter((i) => i.classList.contains('change-worse')).every((i) => i.querySelector('.badge-warn')),
              worse: items.filter((i) => i.classList.contains('change-worse')).length,
            };
          });
          const wide = [...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
            .map((e) => e.tagName.toLowerCase() + (e.className ? `.${e.className}` : ''));
          return {
            overflow: doc.scrollWidth > doc.clientWidth,
            wide: wide.slice(0, 5),
            versions,
            links: [...document.querySelectorAll('li.change a')].map((a) => a.getAttribute('href')),
            feed: document.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.getAttribute('href'),
            footer: [...document.querySelectorAll('footer a')].map((a) => a.getAttribute('href')),
          };
        });
        const problems = [];
        if (facts.overflow) problems.push(`wider than the screen: ${facts.wide.join(', ')}`);
        if (facts.versions.length < 3) problems.push(`${facts.versions.length} versions shown`);
        if (facts.versions[0]?.id !== 'unreleased') problems.push('the unreleased changes are not first');
        for (const v of facts.versions) {
          if (!v.worseFirst) problems.push(`${v.id}: a change for the worse after another`);
          if (!v.worseMarked) problems.push(`${v.id}: a change for the worse without its mark`);
        }
        if (!facts.versions.some((v) => v.worse > 0)) problems.push('no change for the worse shown');
        if (!facts.links.length) problems.push('no change links anywhere');
        if (facts.feed !== `/${prefix}changes.atom`) problems.push(`feed link ${facts.feed}`);
        if (!facts.footer.includes(`/${prefix}changes/`)) problems.push('no footer link to the changes');
        report(`layout and marks ${name}`, problems);
        if (size === 'phone' && scheme === 'light') {
          const broken = [];
          for (const href of [...new Set([...facts.links, facts.feed])]) {
            const res = await page.request.get(origin + href.split('#')[0]);
            if (res.status() !== 200) broken.push(`${href}: ${res.status()}`);
          }
          report(`links lead to the site's files /${prefix}changes/`, broken);
        }
        await page.screenshot({ path: path.join(SHOTS, `changes-${lang}-${size}-${scheme}.png`), fullPage: true });
        report(`no console errors or outside requests ${name}`, seen.problems);
        await ctx.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
