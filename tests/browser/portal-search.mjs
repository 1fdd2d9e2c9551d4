// The search box (spec section 10), in Chromium:
//   under a path  content-example built for /support/ and served there only: a phrase of one
//                 Markdown page finds it first, a product's name finds its page, an issue type
//                 leads to the route finder with it chosen; keyboard (/, arrows, Enter, Escape);
//                 axe with the results open, light and dark; screenshots at 360 px and desktop;
//   in Italian    a copy of content-example (Italian) with one more page in Italian, built
//                 here: "emissioni" finds the page that says "emissione" (stemming);
//   at scale      gen_site.py's site: a query finds its article, and what it fetched.
// Every context is watched: no console errors, no request leaving the site.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './static-server.mjs';
import { watch } from './portal-lib.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/// Types `query` into the search box of `page` and waits for the results (or "no results").
export async function ask(page, query) {
  await page.fill('#sb-search', '');
  // What the last query showed is cleared, so that only this query's results are read.
  await page.waitForFunction(() => document.getElementById('sb-search-status').textContent === '', null, { timeout: 5000 });
  await page.type('#sb-search', query);
  await page.waitForFunction((q) => {
    const list = document.getElementById('sb-search-results');
    const status = document.getElementById('sb-search-status');
    return list.dataset.query === q && !list.hidden && status.textContent !== '';
  }, query, { timeout: 5000 });
  return page.$$eval('#sb-search-results [role=option]:not(.search-more)', (os) => os.map((o) => ({
    title: (o.querySelector('.search-title') || o).textContent,
    section: (o.querySelector('.search-section') || {}).textContent,
    excerpt: (o.querySelector('.search-excerpt') || {}).textContent,
    marks: [...o.querySelectorAll('mark')].map((m) => m.textContent),
    id: o.id,
    tag: o.tagName,
    href: o.getAttribute('href'),
  })));
}

/// What the list shows besides the results: the "no results" line, and the options that lead
/// to the route finder and the contact page (every list has them).
export async function extras(page) {
  return page.$eval('#sb-search-results', (list) => ({
    none: (list.querySelector('.search-none') || {}).textContent || '',
    more: [...list.querySelectorAll('[role=option].search-more')].map((a) => ({ href: a.getAttribute('href'), title: a.textContent, tag: a.tagName })),
  }));
}

async function watched(browser, checks, origin, name, options = {}) {
  const ctx = await browser.newContext(options);
  const seen = watch(ctx, origin);
  ctx.on('response', (r) => { if (r.status() >= 400) seen.problems.push(`${r.url()}: HTTP ${r.status()}`); });
  return {
    ctx,
    async done() {
      await ctx.close();
      checks.record(`search ${name}: no console errors, no failed or outside requests`, seen.problems);
    },
  };
}

/// The URL a result leads to: its page's address after a click.
async function opened(page, i) {
  await Promise.all([page.waitForNavigation({ timeout: 5000 }), page.click(`#sb-search-${i}`)]);
  return new URL(page.url());
}

export async function searchChecks({ browser, checks, variants, BIN, SHOTS, AXE, ROOT }) {
  const sub = variants.find((v) => v.kind === 'subpath');
  if (sub) await underPath({ browser, checks, dir: sub.dir, BIN, SHOTS, AXE, ROOT });
  await italian({ browser, checks, BIN, ROOT });
  const big = variants.find((v) => v.kind === 'scale');
  if (big) await atScale({ browser, checks, dir: big.dir });
}

async function underPath({ browser, checks, dir, SHOTS, AXE }) {
  const prefix = '/support/';
  const { server, origin } = await serve(dir, 0, prefix);
  // content-example's English edition, under /support/en/ (its own index, English words).
  const base = origin + prefix + 'en/';
  const cat = JSON.parse(fs.readFileSync(path.join(dir, 'en/api/catalogue.json'), 'utf8'));
  try {
    const c = await watched(browser, checks, origin, `under ${prefix}`);
    const page = await c.ctx.newPage();
    await page.goto(base + 'plans/');
    await checks.run('search: the index is there for content-example', async (problems) => {
      const r = await page.request.get(base + 'api/search/index.json');
      if (r.status() !== 200) problems.push(`index.json: HTTP ${r.status()}`);
      const m = await r.json();
      if (m.documents < cat.plans.length + cat.products.length) problems.push(`only ${m.documents} documents`);
    });
    // The page has sections (its `##` headings): the phrase is found in its section, which is
    // titled with its heading, names the page as its section and leads to the heading.
    await checks.run("search: a phrase of one Markdown page finds that page's section first", async (problems) => {
      const found = await ask(page, 'screenshot is welcome');
      if (!found.length) return problems.push('no results');
      if (found[0].title !== 'What to include' || found[0].section !== 'Opening a case') problems.push(`first result is ${found[0].title} (${found[0].section})`);
      if (!found[0].marks.some((m) => /screenshot/i.test(m))) problems.push(`no highlighted word in ${JSON.stringify(found[0])}`);
      if (found[0].tag !== 'A' || found[0].href !== `${prefix}en/opening-a-case/#what-to-include`) problems.push(`the result is not a link to its section: ${found[0].tag} ${found[0].href}`);
      const x = await extras(page);
      const hrefs = x.more.map((m) => m.href).join(' ');
      if (hrefs !== `${prefix}en/routing/#finder ${prefix}en/contact/`) problems.push(`the list does not offer the finder and the contact page: ${hrefs}`);
      const u = await opened(page, 0);
      if (u.pathname !== `${prefix}en/opening-a-case/` || u.hash !== '#what-to-include') problems.push(`opened ${u.pathname}${u.hash}`);
      const heading = await page.$eval('#what-to-include', (h) => [h.tagName, h.textContent, h.getBoundingClientRect().top]);
      if (heading[0] !== 'H2' || heading[1] !== 'What to include' || heading[2] < 0 || heading[2] > 400) problems.push(`the section's heading: ${heading}`);
    });
    await checks.run("search: a product's name finds its page first", async (problems) => {
      const product = cat.products[cat.products.length - 1];
      const found = await ask(page, product.name);
      if (!found.length || found[0].title !== product.name) return problems.push(`first result: ${found[0] && found[0].title}`);
      const u = await opened(page, 0);
      if (u.pathname !== `${prefix}en/products/${product.id}/`) problems.push(`opened ${u.pathname}`);
    });
    await checks.run('search: an issue type leads to the route finder with it chosen', async (problems) => {
      const issue = cat.issue_types[0];
      const found = await ask(page, issue.name);
      const i = found.findIndex((r) => r.title === issue.name);
      if (i < 0) return problems.push(`${issue.name} not found: ${found.map((r) => r.title)}`);
      const u = await opened(page, i);
      if (u.pathname !== `${prefix}en/routing/`) problems.push(`opened ${u.pathname}`);
      const chosen = await page.$eval('#f-issue', (s) => s.value);
      if (chosen !== issue.id) problems.push(`the finder shows issue ${chosen}`);
    });
    await checks.run('search: keyboard (/ focuses, arrows move, Escape closes, Enter opens)', async (problems) => {
      await page.goto(base + 'contact/');
      await page.keyboard.press('/');
      if (!(await page.evaluate(() => document.activeElement.id === 'sb-search'))) problems.push('/ does not focus the box');
      await page.keyboard.type('support');
      await page.waitForFunction(() => !document.getElementById('sb-search-results').hidden, null, { timeout: 5000 });
      const state = () => page.evaluate(() => {
        const i = document.getElementById('sb-search');
        const sel = document.querySelector('#sb-search-results [aria-selected=true]');
        return { active: i.getAttribute('aria-activedescendant'), expanded: String(!document.getElementById('sb-search-results').hidden), selected: sel && sel.id, focus: document.activeElement.id };
      });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      let s = await state();
      if (s.active !== 'sb-search-1' || s.selected !== 'sb-search-1') problems.push(`after two ↓: ${JSON.stringify(s)}`);
      await page.keyboard.press('ArrowUp');
      s = await state();
      if (s.active !== 'sb-search-0') problems.push(`after ↑: ${JSON.stringify(s)}`);
      await page.keyboard.press('Escape');
      s = await state();
      if (s.expanded !== 'false' || s.focus !== 'sb-search') problems.push(`after Escape: ${JSON.stringify(s)}`);
      if (await page.inputValue('#sb-search') !== 'support') problems.push('Escape cleared the query');
      await page.keyboard.press('ArrowDown');
      s = await state();
      if (s.expanded !== 'true' || s.active !== 'sb-search-0') problems.push(`↓ does not reopen the results: ${JSON.stringify(s)}`);
      const target = await page.$eval('#sb-search-0 .search-title', (e) => e.textContent);
      await Promise.all([page.waitForNavigation({ timeout: 5000 }), page.keyboard.press('Enter')]);
      const h1 = await page.textContent('h1');
      const title = await page.title();
      if (!title.includes(target) && !(h1 || '').includes(target) && !page.url().includes('#')) problems.push(`Enter opened ${page.url()}, not ${target}`);
      // Typing `/` in the box itself types it.
      await page.focus('#sb-search');
      await page.keyboard.type('a/b');
      if (await page.inputValue('#sb-search') !== 'a/b') problems.push('/ in the box is not typed');
    });
    await c.done();

    // axe with the results open, and screenshots, light and dark, phone and desktop.
    for (const scheme of ['light', 'dark']) {
      for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
        const v = await watched(browser, checks, origin, `${scheme} ${name}`, { colorScheme: scheme, viewport });
        const p = await v.ctx.newPage();
        await p.goto(base + 'products/');
        await ask(p, 'licen');
        await p.keyboard.press('ArrowDown');
        await checks.run(`search ${scheme} ${name}: axe 0 with the results open`, async (problems) => {
          await p.addScriptTag({ path: AXE });
          const r = await p.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
          r.violations.forEach((x) => problems.push(`${x.id}: ${x.help}; ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
          const w = await p.evaluate(() => document.scrollingElement.scrollWidth);
          if (w > viewport.width) problems.push(`the page scrolls sideways: ${w} px`);
          const box = await p.$eval('#sb-search-results', (e) => { const r = e.getBoundingClientRect(); return [r.left, r.right]; });
          if (box[0] < 0 || box[1] > viewport.width) problems.push(`the results overflow the screen: ${box}`);
        });
        fs.mkdirSync(SHOTS, { recursive: true });
        await p.screenshot({ path: path.join(SHOTS, `search-${name}-${scheme}.png`) });
        await v.done();
      }
    }
    // Without JavaScript the box is not shown (it could do nothing).
    await checks.run('search: without JavaScript the box stays hidden', async (problems) => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const p = await ctx.newPage();
      await p.goto(base);
      if (await p.isVisible('#sb-search')) problems.push('the search box shows without JavaScript');
      await ctx.close();
    });
  } finally {
    server.close();
  }
}

/// A copy of content-example (Italian) with one more page in Italian, built here.
function italianSite(BIN, ROOT) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-search-it-'));
  const src = path.join(tmp, 'src');
  fs.cpSync(path.join(ROOT, 'content-example'), src, { recursive: true });
  fs.rmSync(path.join(src, 'public'), { recursive: true, force: true });
  fs.writeFileSync(path.join(src, 'pages/pagamenti.md'), [
    '---', 'title: Pagamenti e scadenze', '---', '',
    'Ogni mese ricevete una fattura elettronica con il dettaglio dei servizi.',
    'Il pagamento è dovuto entro trenta giorni dalla data di emissione.', '',
  ].join('\n'));
  const out = path.join(tmp, 'out');
  execFileSync(BIN, ['build', src, '--output', out, '--base-url', 'http://127.0.0.1/']);
  return { tmp, out };
}

async function italian({ browser, checks, BIN, ROOT }) {
  const { tmp, out } = italianSite(BIN, ROOT);
  const { server, origin } = await serve(out, 0, '/');
  try {
    const c = await watched(browser, checks, origin, 'in Italian');
    const page = await c.ctx.newPage();
    await page.goto(origin + '/');
    // (The example's own Italian texts speak of invoices everywhere: the page's word is its own.)
    await checks.run('search in Italian: "emissioni" finds the page that says "emissione"', async (problems) => {
      const m = JSON.parse(fs.readFileSync(path.join(out, 'api/search/index.json'), 'utf8'));
      if (m.stemmer !== 'italian') problems.push(`stemmer ${m.stemmer}`);
      const found = await ask(page, 'emissioni');
      if (!found.length || found[0].title !== 'Pagamenti e scadenze') problems.push(`first result: ${found[0] && found[0].title}`);
      else if (!found[0].marks.includes('emissione')) problems.push(`"emissione" is not highlighted: ${found[0].marks}`);
      const status = await page.textContent('#sb-search-status');
      if (!/risultat/.test(status)) problems.push(`the count is not in Italian: ${status}`);
      const none = await ask(page, 'zzzqqq');
      const x = await extras(page);
      if (none.length || !/Nessun risultato/.test(x.none)) problems.push(`no results reads ${JSON.stringify(none)} ${x.none}`);
      if (x.more.map((m) => m.href).join(' ') !== '/routing/#finder /contact/' || !x.more.every((m) => m.tag === 'A')) {
        problems.push(`no results does not offer the finder and the contact page: ${JSON.stringify(x.more)}`);
      }
      const said = await page.textContent('#sb-search-status');
      if (!/Nessun risultato.*contattarci/.test(said)) problems.push(`the status does not say where to go: ${said}`);
    });
    await c.done();
  } finally {
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function atScale({ browser, checks, dir }) {
  const { server, origin } = await serve(dir, 0, '/');
  try {
    const c = await watched(browser, checks, origin, 'at scale');
    const page = await c.ctx.newPage();
    await page.goto(origin + '/');
    let bytes = 0;
    page.on('response', async (r) => {
      if (!r.url().includes('/api/search/')) return;
      try { bytes += (await r.body()).length; } catch { /* a body no longer available */ }
    });
    const article = fs.readdirSync(path.join(dir, 'kb')).sort()[7];
    const title = (/<h1[^>]*>([^<]*)<\/h1>/.exec(fs.readFileSync(path.join(dir, 'kb', article, 'index.html'), 'utf8')) || [])[1];
    await checks.run(`search at scale: an article's title finds it first`, async (problems) => {
      if (!title) return problems.push(`no title in kb/${article}/`);
      const text = title.replace(/&[a-z#0-9]+;/g, ' ');
      const found = await ask(page, text);
      if (!found.length || found[0].title !== text) problems.push(`"${text}": first result ${found[0] && found[0].title}`);
      console.log(`search (scale): "${text}" fetched ${(bytes / 1024).toFixed(0)} KB of the index`);
    });
    await c.done();
  } finally {
    server.close();
  }
}
