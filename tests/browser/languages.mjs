// A site in several languages (spec section 7) in Chromium:
//   node tests/browser/languages.mjs SITE_DIR I18N_JSON [--port N]
// SITE_DIR is a build with languages (the default at the root, each other under /<lang>/).
// For every language: axe on every page in light and dark; no interface word of another
// language on its pages (outside text marked with another `lang`); the route finder opened by a
// deep link under its own prefix gives the same answer as in every other language except for
// the words (the same stages, contact links, response target and due instant, under a fixed
// clock); the language switcher leads to the same page. No console errors, no request outside
// the site. Prints one line per failure and `N passed, M failed`; exits non-zero on any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watchContext } from './lib.mjs';
import { serve } from './static-server.mjs';
import { htmlPages } from './portal-lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.join(HERE, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const args = process.argv.slice(2);
const [siteDir, i18nFile] = args;
if (!siteDir || !i18nFile || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node tests/browser/languages.mjs SITE_DIR I18N_JSON [--port N]');
  process.exit(2);
}
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
setTimeout(() => { console.log('FAIL language browser tests did not finish within 900 s'); process.exit(1); }, 900_000).unref();

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length) { failed++; console.log(`FAIL ${name}\n${problems.map((p) => `    - ${p}`).join('\n')}`); } else passed++;
}

const I18N = JSON.parse(fs.readFileSync(i18nFile, 'utf8'));
const CATALOGUE = fs.readFileSync(path.join(siteDir, 'api/catalogue.json'), 'utf8').toLowerCase();
const home = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
const defaultLang = /<html lang="([^"]+)"/.exec(home)[1];
const others = fs.readdirSync(siteDir).filter((d) => fs.existsSync(path.join(siteDir, d, 'index.html')) && I18N[d]);
const LANGS = [defaultLang, ...others];
const prefix = (l) => (l === defaultLang ? '' : `${l}/`);
/// The pages of language `l`, relative to its prefix.
function pagesOf(l) {
  const root = path.join(siteDir, prefix(l));
  return htmlPages(root)
    .filter((p) => l !== defaultLang || !others.some((o) => p.startsWith(`${o}/`)))
    .map((p) => p.replace(/index\.html$/, ''));
}

/// Fragments of interface words that belong to one language only (long enough to mean something).
function ownWords(l) {
  const mine = new Set();
  for (const v of Object.values(I18N[l])) {
    if (typeof v !== 'string') continue;
    for (const part of v.split(/\{[a-z_]+\}/)) if (part.trim().length >= 12) mine.add(part.trim());
  }
  const elsewhere = LANGS.filter((x) => x !== l).flatMap((x) => Object.values(I18N[x]).filter((v) => typeof v === 'string'));
  // A catalogue text without a translation is shown in the default language: those words are
  // the partner's, not the interface's.
  return [...mine].filter((w) => !elsewhere.some((v) => v.includes(w)) && !CATALOGUE.includes(w.toLowerCase()));
}

const { server, origin } = await serve(siteDir, port);
const browser = await launch();
const url = (p) => `${origin}/${p}`;
const contexts = [];
async function context(options) {
  const ctx = await browser.newContext({ timezoneId: 'Europe/Rome', ...options });
  contexts.push(ctx);
  return { ctx, seen: watchContext(ctx, origin) };
}
const LUNCH = new Date('2026-11-24T12:30:00Z');

try {
  console.log(`languages: ${LANGS.join(', ')} (default ${defaultLang})`);
  // ---- axe on every page of every language, light and dark ----------------------------------
  for (const scheme of ['light', 'dark']) {
    const c = await context({ colorScheme: scheme });
    const page = await c.ctx.newPage();
    await page.clock.setFixedTime(LUNCH);
    for (const l of LANGS) {
      for (const p of pagesOf(l)) {
        await page.goto(url(prefix(l) + p), { waitUntil: 'load' });
        await page.addScriptTag({ path: AXE });
        const r = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        report(`axe ${scheme} /${prefix(l)}${p}`, r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
      }
    }
    report(`no console errors or outside requests (axe ${scheme})`, c.seen.problems.splice(0));
  }

  // ---- no interface word of another language -------------------------------------------------
  {
    const c = await context({});
    const page = await c.ctx.newPage();
    await page.clock.setFixedTime(LUNCH);
    const foreign = Object.fromEntries(LANGS.map((l) => [l, LANGS.filter((x) => x !== l).flatMap((x) => ownWords(x).map((w) => [x, w]))]));
    for (const l of LANGS) {
      const problems = [];
      for (const p of pagesOf(l)) {
        await page.goto(url(prefix(l) + p), { waitUntil: 'load' });
        const v = await page.evaluate((lang) => {
          // Text outside elements marked with another language (untranslated pages, the switcher).
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          let text = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const marked = n.parentElement.closest('[lang]');
            if (marked && marked.getAttribute('lang') !== lang) continue;
            if (n.parentElement.closest('script, style')) continue;
            text += ' ' + n.textContent;
          }
          return { html: document.documentElement.lang, text: text.replace(/\s+/g, ' ') };
        }, l);
        if (v.html !== l) problems.push(`/${prefix(l)}${p}: <html lang="${v.html}">`);
        for (const [x, w] of foreign[l]) if (v.text.includes(w)) problems.push(`/${prefix(l)}${p}: "${w}" (${x})`);
      }
      report(`no interface word of another language on the ${l} pages (${pagesOf(l).length} pages)`, problems.slice(0, 12));
    }
    report('no console errors or outside requests (words)', c.seen.problems.splice(0));
  }

  // ---- the route finder: the same answers in every language ---------------------------------
  {
    const c = await context({});
    const CASES = [
      ['azure', 'outage', 'A', 'premium'], ['azure', 'outage', 'B', 'standard'],
      ['m365', 'customisation', 'C', 'essential'], ['m365', 'billing', 'C', 'essential'],
      ['d365', 'other', 'A', 'premium'], ['m365', 'identity', 'A', 'enterprise'],
    ];
    for (const cs of CASES) {
      const answers = {};
      const problems = [];
      for (const l of LANGS) {
        const page = await c.ctx.newPage();
        await page.clock.setFixedTime(LUNCH);
        const q = `product=${cs[0]}&issue=${cs[1]}&severity=${cs[2]}&plan=${cs[3]}`;
        await page.goto(url(`${prefix(l)}routing/?${q}`));
        await page.waitForSelector('#finder-answer h3', { timeout: 10_000 });
        answers[l] = await page.evaluate((pre) => {
          const out = document.getElementById('finder-answer');
          const strip = (href) => href.replace(location.origin, '').replace(new RegExp(`^/${pre}`), '/');
          return {
            covered: out.querySelector('h3').textContent.length > 0 && !out.querySelector('.finder-covered-by'),
            stages: out.querySelectorAll('.stage-tier').length,
            links: [...out.querySelectorAll('a')].map((a) => strip(a.href)).filter((h) => !h.includes('?')),
            response: !!out.querySelector('.finder-response'),
            due: (out.querySelector('.finder-due') || { getAttribute: () => null }).getAttribute('data-due'),
            status: (out.querySelector('.status') || { getAttribute: () => null }).getAttribute('data-status'),
            values: Object.fromEntries(['product', 'issue', 'severity', 'plan'].map((k) => [k, document.getElementById('finder').elements[k].value])),
          };
        }, prefix(l));
        if (Object.values(answers[l].values).join('/') !== cs.join('/')) problems.push(`${l}: the deep link chose ${Object.values(answers[l].values).join('/')}`);
        await page.close();
      }
      const base = JSON.stringify({ ...answers[defaultLang], values: null });
      for (const l of others) {
        const mine = JSON.stringify({ ...answers[l], values: null });
        if (mine !== base) problems.push(`${l}: ${mine}\n      ${defaultLang}: ${base}`);
      }
      report(`route finder ${cs.join('/')}: the same answer in ${LANGS.join(', ')}, opened by deep links under each prefix`, problems);
    }
    report('no console errors or outside requests (finder)', c.seen.problems.splice(0));
  }

  // ---- the switcher leads to the same page in the other language ------------------------------
  {
    const c = await context({});
    const page = await c.ctx.newPage();
    const problems = [];
    for (const l of LANGS) {
      for (const p of ['plans/', 'routing/', 'contact/']) {
        await page.goto(url(prefix(l) + p));
        const links = await page.$$eval('a[hreflang]', (as) => as.map((a) => [a.getAttribute('hreflang'), a.getAttribute('href')]));
        for (const x of LANGS.filter((y) => y !== l)) {
          const link = links.find(([h]) => h === x);
          if (!link) { problems.push(`/${prefix(l)}${p}: no link to ${x}`); continue; }
          const target = new URL(link[1], url(prefix(l) + p)).pathname;
          if (target !== `/${prefix(x)}${p}`) problems.push(`/${prefix(l)}${p}: the ${x} link leads to ${target}`);
        }
      }
    }
    report('the language switcher leads to the same page in every other language', problems);
  }
} finally {
  await Promise.all(contexts.map((c) => c.close()));
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
