// Other builds than content-example at the root, each on its own local server:
//   subpath  content-example built for http://127.0.0.1:PORT/support/ and served under /support/
//            only: every page, asset and link, the route finder's data, deep links, no 404s;
//   italian  content-example's Italian pages (the root), on a port of their own: the fixed words
//            of the Italian table, prices in Italian formatting, <html lang="it">, axe on home, plans, routing;
//   scale    gen_site.py's large (or medium) site: the routing page's weight, how fast the
//            finder answers, and its answers against `supportbook route`.
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './static-server.mjs';
import { watch, htmlPages, pagePath, words, squash } from './portal-lib.mjs';
import { expected, readAnswer, compare } from './portal-route.mjs';

const DIMS = ['product', 'issue', 'severity', 'plan'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const query = (c) => new URLSearchParams(DIMS.map((d, k) => [d, c[k]])).toString();
const label = (c) => c.join('/');

/// A context whose pages are watched (console errors, requests leaving `origin`) and whose
/// responses of 400 and above are problems too; `done()` records them as one check.
async function watched(browser, checks, origin, name, options = {}) {
  const ctx = await browser.newContext(options);
  const seen = watch(ctx, origin);
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  ctx.on('response', (r) => { if (r.status() >= 400) seen.problems.push(`${r.url()}: HTTP ${r.status()}`); });
  // A request aborted by leaving the page (a favicon still loading) is not a failure.
  ctx.on('requestfailed', (r) => r.failure() && r.failure().errorText === 'net::ERR_ABORTED' ? null : seen.problems.push(`${r.url()}: request failed (${r.failure() && r.failure().errorText})`));
  return {
    ctx, seen, requests,
    page: () => ctx.newPage(),
    async done() {
      await ctx.close();
      checks.record(`${name}: no console errors, no failed or outside requests`, seen.problems);
    },
  };
}

/// Waits for an answer with its "link to this answer" (the end of a rendered answer).
const answerShown = (page, timeout = 5000) => page.waitForSelector('#finder-answer p.small a', { timeout });

/// Chooses each dimension of case `c`: from the list, or (a product on a site with more than
/// the list holds) by typing its name, `names` giving each product's name by id.
async function choose(page, c, names = {}) {
  await page.evaluate(() => { window.__old = document.querySelector('#finder-answer p.small'); });
  for (let d = 0; d < DIMS.length; d++) {
    const typed = await page.$eval(`#f-${DIMS[d]}`, (e) => e.tagName === 'INPUT');
    if (typed) await page.fill(`#f-${DIMS[d]}`, names[c[d]]);
    else await page.selectOption(`#f-${DIMS[d]}`, c[d]);
  }
  await page.waitForFunction(() => {
    const p = document.querySelector('#finder-answer p.small');
    return p && p !== window.__old && p.querySelector('a');
  }, null, { timeout: 5000 });
}

// ---- Below a path ---------------------------------------------------------------------------
export async function subpath({ browser, checks, dir, port, prefix = '/support/', BIN, SITE, i18n }) {
  const { server, origin } = await serve(dir, port, prefix);
  const base = origin + prefix;
  const W = words(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'), i18n);
  try {
    const c = await watched(browser, checks, origin, `under ${prefix}`, { timezoneId: 'Europe/Rome' });
    const page = await c.page();
    await page.clock.setFixedTime(new Date('2026-11-24T12:30:00Z'));
    const pages = htmlPages(dir).map(pagePath).filter((p) => p !== '404.html');
    const targets = new Set();
    for (const p of pages) {
      await checks.run(`under ${prefix}: /${p} and everything it links stay under ${prefix}`, async (problems) => {
        const r = await page.goto(base + p, { waitUntil: 'load' });
        if (r.status() !== 200) problems.push(`HTTP ${r.status()}`);
        const urls = await page.$$eval('[href], [src], form[action]', (es) => es.map((e) => [e.tagName.toLowerCase(),
          e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action')]));
        const styled = await page.evaluate(() => document.styleSheets.length > 0 && getComputedStyle(document.body).marginTop === '0px');
        if (!styled) problems.push('the stylesheet is not applied');
        for (const [tag, raw] of urls) {
          const u = new URL(raw, page.url());
          if (u.origin !== origin) continue;
          if (!u.pathname.startsWith(prefix)) problems.push(`<${tag}> ${raw} points outside ${prefix}`);
          u.hash = '';
          targets.add(u.href);
        }
      });
    }
    // Every address the pages link to (pages, stylesheets, scripts, icons, the data files, the
    // holiday calendars, the sitemap) answers 200 from the server.
    await checks.run(`under ${prefix}: every linked address on every page answers 200 (${targets.size} addresses)`, async (problems) => {
      for (const t of targets) {
        const r = await fetch(t);
        if (r.status !== 200) problems.push(`${t.replace(origin, '')}: HTTP ${r.status}`);
        await r.arrayBuffer();
      }
      if (targets.size < 20) problems.push(`only ${targets.size} addresses found`);
    });
    console.log(`under ${prefix}: ${pages.length} pages and ${targets.size} addresses they link checked`);
    await checks.run(`under ${prefix}: the sitemap and the finder's data point under ${prefix}`, async (problems) => {
      const sitemap = fs.readFileSync(path.join(dir, 'sitemap.xml'), 'utf8');
      const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
      if (!locs.length) problems.push('no <loc> in sitemap.xml');
      for (const l of locs) if (!l.startsWith(base)) problems.push(`sitemap: ${l}`);
      const index = await (await fetch(base + 'api/finder/index.json')).json();
      const urls = [...JSON.stringify(index).matchAll(/"url":"([^"]*)"|href=\\"([^\\"]*)\\"/g)].map((m) => m[1] || m[2]).filter((u) => u.startsWith('/'));
      if (!urls.length) problems.push('no site URLs in api/finder/index.json');
      for (const u of new Set(urls.map((x) => x.split('#')[0]))) {
        if (!u.startsWith(prefix)) problems.push(`index.json: ${u}`);
        const r = await fetch(origin + u);
        if (r.status !== 200) problems.push(`index.json: ${u}: HTTP ${r.status}`);
        await r.arrayBuffer();
      }
    });

    // The route finder: its data comes from below the path, answers match `route`, the URL
    // it keeps in step stays below the path, and the links in the answer work. On the English
    // pages (`/support/en/`), against `route --lang en` (whose hours name weekdays in English).
    const cases = [['azure', 'outage', 'A', 'premium'], ['m365', 'customisation', 'C', 'essential'], ['m365', 'billing', 'C', 'essential']];
    const answers = cases.map((x) => expected(BIN, SITE, x, 'en'));
    const en = base + 'en/';
    const WEn = words(fs.readFileSync(path.join(dir, 'en/index.html'), 'utf8'), i18n);
    await checks.run(`under ${prefix}: the route finder loads its data from ${prefix}en/api/finder/ and answers`, async (problems) => {
      c.requests.length = 0;
      await page.goto(en + 'routing/');
      for (let i = 0; i < cases.length; i++) {
        await choose(page, cases[i]);
        const a = await readAnswer(page);
        problems.push(...compare(WEn, cases[i], answers[i], a).map((x) => `${label(cases[i])}: ${x}`));
        const loc = new URL(a.location);
        if (loc.pathname !== `${prefix}en/routing/`) problems.push(`the URL became ${a.location}`);
      }
      const data = c.requests.filter((u) => u.includes('/api/'));
      const index = JSON.parse(fs.readFileSync(path.join(dir, 'en/api/finder/index.json'), 'utf8'));
      const dataOf = (id) => `api/finder/${index.products.find((x) => x.id === id).data}`;
      for (const want of ['api/finder/index.json', dataOf('azure'), dataOf('m365')]) {
        if (!data.includes(en + want)) problems.push(`no request for ${prefix}en/${want} (data requests: ${data.map((u) => u.replace(origin, '')).join(', ') || 'none'})`);
      }
    });
    for (const i of [0, 1]) {
      await checks.run(`under ${prefix}: deep link ${label(cases[i])} opens with the answer, and its contact link works`, async (problems) => {
        await page.goto(`${en}routing/?${query(cases[i])}`);
        await answerShown(page);
        problems.push(...compare(WEn, cases[i], answers[i], await readAnswer(page)));
        const links = await page.$$eval('#finder-answer a:not([href^="tel:"]):not([href^="mailto:"])', (as) => as.map((a) => a.href).filter((h) => h.startsWith(location.origin)));
        if (!links.length) problems.push('no link to this site in the answer');
        for (const h of links) {
          if (!new URL(h).pathname.startsWith(prefix)) problems.push(`answer links ${h}`);
        }
        const contact = await page.$('#finder-answer a.stage-contact');
        if (contact) {
          const href = await contact.getAttribute('href');
          await Promise.all([page.waitForURL((u) => u.pathname !== `${prefix}en/routing/`), contact.click()]);
          const id = new URL(page.url()).hash.slice(1);
          if (!new URL(page.url()).pathname.startsWith(prefix)) problems.push(`contact link went to ${page.url()}`);
          if (!id || !(await page.$(`[id="${id}"]`))) problems.push(`contact link ${href}: no #${id} on the page`);
        }
      });
    }
    await c.done();

    // A missing page below the path gets the site's 404 page, styled.
    const n = await watched(browser, checks, origin, `under ${prefix}: 404`);
    const p404 = await n.page();
    await checks.run(`under ${prefix}: a missing page answers 404 with the site's styled 404 page`, async (problems) => {
      const r = await p404.goto(`${base}no/such/page/`);
      if (r.status() !== 404) problems.push(`HTTP ${r.status()}`);
      const h1 = squash(await p404.textContent('h1'));
      if (h1 !== W.title_404) problems.push(`heading ${JSON.stringify(h1)}`);
      const styled = await p404.evaluate(() => getComputedStyle(document.body).marginTop === '0px');
      if (!styled) problems.push('the stylesheet is not applied at a nested missing URL');
      const home = await p404.$$eval('a', (as) => as.map((a) => new URL(a.href).pathname));
      if (!home.includes(prefix)) problems.push(`no link home to ${prefix}`);
    });
    await p404.close();
    // The missing page itself is the one expected 404.
    n.seen.problems.splice(0, n.seen.problems.length, ...n.seen.problems.filter((x) => !x.includes('/no/such/page/')));
    await n.done();
  } finally {
    server.close();
  }
}

// ---- Italian ----------------------------------------------------------------------------------
/// How a language writes money, percentages and weekday names by CLDR, from Node's own ICU:
/// an oracle independent of the ICU4X data the portal is built with.
export function cldr(lang) {
  const days = [...Array(7).keys()].map((i) =>
    new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  return {
    days,
    money: (amount, code) => new Intl.NumberFormat(lang, { style: 'currency', currency: code }).format(Number(amount)),
    percent: (n) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 4 }).format(Number(n) / 100),
  };
}

export async function italian({ browser, checks, dir, port, AXE, BIN, SITE, i18n }) {
  const { server, origin } = await serve(dir, port);
  const url = (p) => `${origin}/${p}`;
  // The Italian table itself (not the one the page's lang names): a page that says it is
  // in another language still has to show these words.
  const W = words('<html lang="it">', i18n);
  const lang = (/<html lang="([^"]+)"/.exec(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')) || [])[1];
  const EN = JSON.parse(fs.readFileSync(i18n, 'utf8')).en;
  const F = cldr('it');
  try {
    checks.record('italian: the site says it is Italian and the table differs from English', [
      lang === 'it' ? null : `home page: <html lang="${lang}">`,
      W.open_now !== EN.open_now ? null : 'the Italian open-now word is the English one',
    ]);
    // A visitor in New York on Tuesday 24 Nov 2026 at 04:00 (10:00 in Rome): the service
    // desk is open and closes at 13:00 Rome time, 07:00 in New York.
    const c = await watched(browser, checks, origin, 'italian', { timezoneId: 'America/New_York' });
    const page = await c.page();
    await page.clock.setFixedTime(new Date('2026-11-24T09:00:00Z'));
    await checks.run('italian: home page, fixed words and open now in Italian', async (p) => {
      await page.goto(url(''));
      const v = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        skip: document.querySelector('a.skip') && document.querySelector('a.skip').textContent,
        nav: [...document.querySelectorAll('.site-header nav a')].map((a) => a.textContent.trim()),
        status: [...document.querySelectorAll('#contact-service-desk > .status, .status[data-calendar="milan-office"]')].slice(0, 1).map((s) => ({
          state: s.getAttribute('data-status'), text: s.querySelector('.status-text').textContent, detail: s.querySelector('.status-detail').textContent })),
      }));
      if (v.lang !== 'it') p.push(`<html lang="${v.lang}">`);
      if (squash(v.skip) !== W.skip) p.push(`skip link ${JSON.stringify(v.skip)}, expected ${JSON.stringify(W.skip)}`);
      for (const k of ['nav_home', 'nav_plans', 'nav_products', 'nav_routing', 'nav_contact']) {
        if (!v.nav.includes(W[k])) p.push(`navigation lacks ${JSON.stringify(W[k])} (has ${v.nav.join(', ')})`);
      }
      const s = v.status[0];
      if (!s) { p.push('no status for the service desk'); return; }
      const detail = `${W.fill('closes_at', { time: '13:00' })} (Ora Italia) · ${W.fill('your_time', { zone: 'Ora orientale USA', time: `${F.days[1]} 07:00` })}`;
      if (s.state !== 'open') p.push(`data-status="${s.state}"`);
      if (squash(s.text) !== W.open_now) p.push(`status ${JSON.stringify(s.text)}, expected ${JSON.stringify(W.open_now)}`);
      if (squash(s.detail) !== detail) p.push(`detail ${JSON.stringify(s.detail)}, expected ${JSON.stringify(detail)}`);
    });
    await checks.run('italian: contact page on a Saturday says when it opens, with Italian day names', async (p) => {
      const sat = await c.page();
      await sat.clock.setFixedTime(new Date('2026-11-28T14:00:00Z'));
      await sat.goto(url('contact/'));
      const s = await sat.$eval('#contact-service-desk > .status', (e) => [e.getAttribute('data-status'), e.querySelector('.status-text').textContent, e.querySelector('.status-detail').textContent]);
      // 15:00 in Rome, 09:00 in New York; the desk opens Monday 08:30 in Rome, 02:30 in New York.
      const detail = `${W.fill('opens_at', { day: F.days[0], time: '08:30' })} (Ora Italia) · ${W.fill('your_time', { zone: 'Ora orientale USA', time: `${F.days[0]} 02:30` })}`;
      if (s[0] !== 'closed' || squash(s[1]) !== W.closed_now) p.push(`status ${s[0]} ${JSON.stringify(s[1])}, expected closed ${JSON.stringify(W.closed_now)}`);
      if (squash(s[2]) !== detail) p.push(`detail ${JSON.stringify(s[2])}, expected ${JSON.stringify(detail)}`);
      await sat.close();
    });
    // Prices: every amount is written as format.rs writes it with the Italian table.
    const catalogue = JSON.parse(fs.readFileSync(path.join(dir, 'api/catalogue.json'), 'utf8'));
    const perKey = (per) => `per_${per.replace('-', '_')}`;
    const plans = catalogue.plans.filter((x) => x.price && x.price.form !== 'included');
    await checks.run('italian: prices in Italian formatting on every plan page and the comparison', async (p) => {
      if (!plans.length) p.push('no priced plan in the catalogue');
      const all = [];
      for (const plan of plans) {
        await page.goto(url(`plans/${plan.id}/`));
        const raw = await page.innerText('main');
        const text = squash(raw);
        all.push(raw);
        const pr = plan.price;
        const want = [];
        if (pr.form === 'flat') want.push(W.fill('price_flat', { amount: F.money(pr.amount.amount, pr.amount.currency), per: W[perKey(pr.per)] }));
        if (pr.minimum) want.push(W.fill(pr.form === 'bands' ? 'price_bands_minimum' : 'price_minimum', { amount: F.money(pr.minimum.amount, pr.minimum.currency), per: W[perKey(pr.per)] }));
        if (pr.percent) want.push(W.fill('price_percent', { percent: F.percent(pr.percent), spend: W[`spend_${perKey(pr.per).slice(4)}`] }));
        for (const w of want) if (!text.includes(squash(w))) p.push(`plans/${plan.id}/ does not say ${JSON.stringify(w)}`);
      }
      await page.goto(url('plans/'));
      all.push(await page.innerText('main'));
      const amounts = all.flatMap((t) => [...t.matchAll(/\d[\d.,]*[\s\u00a0]€/g)].map((m) => m[0]));
      if (amounts.length < 5) p.push(`only ${amounts.length} amounts found`);
      // Italian CLDR: a comma before the cents, dots between thousands from five digits on, the
      // sign after a no-break space.
      const italianStyle = /^(\d{1,4}|\d{1,3}(\.\d{3})+),\d{2}\u00a0€$/;
      for (const a of new Set(amounts)) if (!italianStyle.test(a)) p.push(`amount not in Italian formatting: ${JSON.stringify(a)}`);
      if (!amounts.includes('4,50\u00a0€')) p.push('4,50 € (the Standard plan) is not shown');
    });
    // The route finder: labels, prompts and the answer in Italian; the answer as `route` says.
    const cs = ['azure', 'outage', 'A', 'premium'];
    const e = expected(BIN, SITE, cs);
    await checks.run('italian: the route finder\'s labels, prompt and answer are Italian and match route', async (p) => {
      await page.goto(url('routing/'));
      await page.waitForLoadState('networkidle');
      const labels = await page.$$eval('#finder label', (ls) => ls.map((l) => l.textContent.trim()));
      const wantLabels = ['dim_product', 'dim_issue', 'dim_severity', 'dim_plan'].map((k) => W[k]);
      if (labels.join('|') !== wantLabels.join('|')) p.push(`labels ${labels.join(', ')}, expected ${wantLabels.join(', ')}`);
      const first = await page.$eval('#f-product option', (o) => o.textContent.trim());
      if (first !== W.choose) p.push(`first option ${JSON.stringify(first)}, expected ${JSON.stringify(W.choose)}`);
      await page.selectOption('#f-product', cs[0]);
      await page.selectOption('#f-issue', cs[1]);
      const more = squash(await page.textContent('#finder-answer'));
      const wantMore = W.fill('finder_more', { fields: `${W.dim_severity}, ${W.dim_plan}` });
      if (more !== wantMore) p.push(`prompt ${JSON.stringify(more)}, expected ${JSON.stringify(wantMore)}`);
      await page.goto(url(`routing/?${query(cs)}`));
      await answerShown(page);
      const a = await readAnswer(page);
      p.push(...compare(W, cs, e, a, { hours: false }));
      // `route` writes hours in English; the finder writes them with the Italian table.
      // Always open: no time zone to name.
      const wantHours = W.always_open;
      if (a.hours !== wantHours) p.push(`first contact hours ${JSON.stringify(a.hours)}, expected ${JSON.stringify(wantHours)}`);
      const v = await page.evaluate(() => ({
        link: document.querySelector('#finder-answer p.small a').textContent,
        h4: [...document.querySelectorAll('#finder-answer h4')].map((h) => h.textContent),
        status: document.querySelector('#finder-answer .status-text').textContent,
      }));
      if (v.link !== W.finder_link) p.push(`link text ${JSON.stringify(v.link)}`);
      if (v.h4.join('|') !== [W.contact_now, W.first_contact, W.escalation].join('|')) p.push(`answer headings ${v.h4.join(', ')}`);
      if (v.status !== W.open_now) p.push(`status ${JSON.stringify(v.status)}, expected ${JSON.stringify(W.open_now)}`);
    });
    // axe on home, plans and routing (with an answer), light and dark.
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of ['', 'plans/', `routing/?${query(cs)}`]) {
        await checks.run(`italian: axe ${scheme} /${p}`, async (problems) => {
          await page.goto(url(p), { waitUntil: 'load' });
          if (p.startsWith('routing/')) await answerShown(page);
          await page.addScriptTag({ path: AXE });
          const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
          problems.push(...result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
        });
      }
    }
    await c.done();
    console.log(`italian: words, prices, open now, the route finder; axe on home, plans and routing in light and dark`);
  } finally {
    server.close();
  }
}

// ---- At scale -------------------------------------------------------------------------------
export async function scale({ browser, checks, dir, port, AXE, SHOTS, BIN, SITE, i18n, size }) {
  const { server, origin } = await serve(dir, port);
  const url = (p) => `${origin}/${p}`;
  const W = words(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'), i18n);
  const MB = 1024 * 1024;
  const LIMIT = 2000;
  try {
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'api/finder/index.json'), 'utf8'));
    const ids = (k) => index[k].map((x) => x.id);
    const [products, issues, sevs, plans] = [ids('products'), ids('issues'), ids('severities'), ids('plans')];
    const names = Object.fromEntries(index.products.map((x) => [x.id, x.name]));
    // A product with its own critical rule (every 7th), one with an exclusion on the first plan
    // (every 11th, last issue), and a commercial issue (every 4th) late in the list.
    const pick = (n) => products[Math.min(n, products.length - 1)];
    const cases = [
      [pick(Math.floor((products.length - 1) * 0.77 / 7) * 7), issues[1], sevs[0], plans[2 % plans.length]],
      [pick(11), issues[issues.length - 1], sevs[1], plans[0]],
      [pick(products.length - 2), issues[4 % issues.length], sevs[2 % sevs.length], plans[plans.length - 1]],
    ];
    const answers = cases.map((x) => expected(BIN, SITE, x));
    checks.record(`scale (${size}): the sample cases include covered, not covered and escalating answers`, [
      answers.some((a) => !a.covered) ? null : 'no case is not covered',
      answers.some((a) => a.covered && a.tiers.length > 2) ? null : 'no case escalates beyond two tiers',
    ]);
    const c = await watched(browser, checks, origin, `scale (${size})`, { timezoneId: 'Europe/London' });
    const page = await c.page();
    await page.clock.setFixedTime(new Date('2026-11-24T10:00:00Z'));
    let bytes = 0;
    const counted = [];
    page.on('response', async (r) => {
      try { const b = await r.body(); bytes += b.length; counted.push(`${r.url().replace(origin, '')} ${b.length}`); } catch { /* redirects */ }
    });
    const html = fs.statSync(path.join(dir, 'routing/index.html')).size;
    const t0 = Date.now();
    await page.goto(url('routing/'));
    await page.waitForLoadState('networkidle');
    const ready = Date.now() - t0;
    console.log(`scale (${size}: ${products.length} products × ${issues.length} issues × ${sevs.length} severities × ${plans.length} plans): routing page ${(html / 1024).toFixed(0)} KB of HTML, ${(bytes / 1024).toFixed(0)} KB loaded before a choice, ready in ${ready} ms`);
    checks.record(`scale (${size}): the routing page is under 1 MB with what it loads before a choice`, [
      html < MB ? null : `routing/index.html is ${html} bytes`,
      bytes < MB ? null : `${bytes} bytes loaded: ${counted.join(', ')}`,
      bytes > html ? null : `only ${bytes} bytes counted`,
    ]);
    for (let i = 0; i < cases.length; i++) {
      await checks.run(`scale (${size}): choosing ${label(cases[i])} answers within ${LIMIT} ms, as route does`, async (p) => {
        const t = Date.now();
        await choose(page, cases[i], names);
        const ms = Date.now() - t;
        console.log(`scale (${size}): ${label(cases[i])} answered ${ms} ms after the first choice`);
        if (ms >= LIMIT) p.push(`took ${ms} ms`);
        p.push(...compare(W, cases[i], answers[i], await readAnswer(page), { names }));
      });
    }
    await checks.run(`scale (${size}): a deep link opens with the answer within ${LIMIT} ms`, async (p) => {
      const t = Date.now();
      await page.goto(url(`routing/?${query(cases[0])}`));
      await answerShown(page);
      const ms = Date.now() - t;
      console.log(`scale (${size}): deep link ${label(cases[0])} answered ${ms} ms after navigation`);
      if (ms >= LIMIT) p.push(`took ${ms} ms`);
      p.push(...compare(W, cases[0], answers[0], await readAnswer(page), { names }));
    });
    await typedProduct({ checks, c, url, dir, W, AXE, SHOTS, size, cases, answers, names, products, LIMIT });
    await c.done();
  } finally {
    server.close();
  }
}

/// The finder's product field on a site with more products than a list to choose from holds
/// (over 100): no list in the page, a few suggestions matching what is typed (from the index,
/// loaded when the field is first used), typing a product's name answers, anything else is refused with the words of the language; the home
/// page's field sends the name to the routing page, which answers with it; axe finds nothing
/// on either page in light and dark.
async function typedProduct({ checks, c, url, dir, W, AXE, SHOTS, size, cases, answers, names, products, LIMIT }) {
  const home = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const routing = fs.readFileSync(path.join(dir, 'routing/index.html'), 'utf8');
  checks.record(`scale (${size}): the pages carry no list of every product`, [
    products.length > 100 ? null : `only ${products.length} products: the field is not used`,
    /<input id="f-product"[^>]* list="f-product-list"/.test(routing) ? null : 'the routing page has no product field',
    /<input id="e-product"[^>]* list="e-product-list"/.test(home) ? null : 'the home page has no product field',
    home.includes(`>${names[products[products.length - 1]]}<`) ? 'the home page names the last product' : null,
    home.length < 100 * 1000 ? null : `the home page is ${home.length} bytes`,
  ]);
  const page = await c.page();
  await page.clock.setFixedTime(new Date('2026-11-24T10:00:00Z'));
  await checks.run(`scale (${size}): the product field suggests a few products matching what is typed, and refuses other text`, async (p) => {
    await page.goto(url('routing/'));
    await page.waitForLoadState('networkidle');
    const options = () => page.$$eval('#f-product-list option', (os) => os.map((o) => o.value));
    if ((await options()).length) p.push('suggestions before anything is typed');
    // Part of a name: at most 12 suggestions, each a product's name with what was typed.
    const part = names[products[products.length - 1]].slice(-3);
    await page.focus('#f-product');
    await page.keyboard.type(part);
    await page.waitForFunction(() => document.querySelectorAll('#f-product-list option').length > 0, null, { timeout: 5000 });
    const shown = await options();
    const all = new Set(Object.values(names));
    if (shown.length > 12) p.push(`${shown.length} suggestions`);
    for (const o of shown) if (!all.has(o) || !o.toLowerCase().includes(part.toLowerCase())) p.push(`suggested "${o}" for "${part}"`);
    const matching = Object.values(names).filter((n) => n.toLowerCase().includes(part.toLowerCase())).length;
    if (shown.length !== Math.min(12, matching)) p.push(`${shown.length} suggestions of ${matching} matching`);
    await page.fill('#f-product', '');
    await page.keyboard.type('no such product');
    const refused = await page.$eval('#f-product', (e) => e.validationMessage);
    if (refused !== W.finder_pick_product) p.push(`other text: "${refused}", not "${W.finder_pick_product}"`);
    if ((await options()).length) p.push('suggestions for a text no product has');
    // Typed by keyboard, in another case: answered as route answers.
    await page.fill('#f-product', '');
    for (let d = 1; d < DIMS.length; d++) await page.selectOption(`#f-${DIMS[d]}`, cases[1][d]);
    await page.focus('#f-product');
    const t = Date.now();
    await page.keyboard.type(names[cases[1][0]].toUpperCase());
    const typed = Date.now();
    await answerShown(page, LIMIT);
    console.log(`scale (${size}): a typed product (${names[cases[1][0]].length} keys in ${typed - t} ms) answered ${Date.now() - typed} ms after the last key`);
    const valid = await page.$eval('#f-product', (e) => e.validationMessage);
    if (valid) p.push(`a product's name is refused: "${valid}"`);
    p.push(...compare(W, cases[1], answers[1], await readAnswer(page), { names }));
    if (!page.url().includes(`product=${cases[1][0]}&`)) p.push(`the address has ${page.url()}`);
  });
  await checks.run(`scale (${size}): the home page's field sends a typed name to the routing page`, async (p) => {
    await page.goto(url(''));
    await page.focus('#e-product');
    await page.keyboard.type(names[cases[0][0]]);
    await page.selectOption('#e-issue', cases[0][1]);
    await Promise.all([page.waitForURL(/routing\//), page.click('.finder-entry button[type=submit]')]);
    await page.waitForLoadState('networkidle');
    const v = await page.$eval('#f-product', (e) => e.value);
    if (v !== names[cases[0][0]]) p.push(`the routing page's field has "${v}"`);
    if (!page.url().includes(`product=${cases[0][0]}`)) p.push(`the address has ${page.url()}, not the product's id`);
    // And a name no product has is not sent.
    await page.goto(url(''));
    await page.focus('#e-product');
    await page.keyboard.type('Product 99999x');
    await page.selectOption('#e-issue', cases[0][1]);
    await page.click('.finder-entry button[type=submit]');
    await page.waitForTimeout(300);
    if (page.url().includes('routing/')) p.push('a name no product has was sent');
  });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const at of ['', 'routing/']) {
      await checks.run(`scale (${size}): axe ${scheme} /${at} with the product field in use`, async (problems) => {
        await page.goto(url(at), { waitUntil: 'load' });
        const field = at ? '#f-product' : '#e-product';
        await page.focus(field);
        await page.keyboard.type(names[products[0]].slice(0, 4));
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        problems.push(...result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
      });
    }
  }
  // The pages of the split lists.
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const at of ['articles/', 'articles/page/2/', 'products/page/2/', 'routing/page/2/']) {
      await checks.run(`scale (${size}): axe ${scheme} /${at}`, async (problems) => {
        await page.goto(url(at), { waitUntil: 'load' });
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        problems.push(...result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
      });
    }
  }
  await page.close();
  // Screenshots of the pages a big site splits or lightens, phone (360) and desktop, light and dark.
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const [w, h] of [[360, 800], [1280, 900]]) {
      for (const scheme of ['light', 'dark']) {
        const shot = await c.ctx.newPage();
        await shot.setViewportSize({ width: w, height: h });
        await shot.emulateMedia({ colorScheme: scheme });
        for (const [name, at] of [['home', ''], ['articles', 'articles/'], ['products-2', 'products/page/2/'], ['routing', 'routing/'], ['routing-2', 'routing/page/2/']]) {
          if (!fs.existsSync(path.join(dir, at, 'index.html'))) continue;
          await shot.goto(url(at), { waitUntil: 'load' });
          if (name === 'routing') {
            await shot.focus('#f-product');
            await shot.keyboard.type('00');
            await shot.waitForFunction(() => document.querySelectorAll('#f-product-list option').length > 0);
          }
          await shot.screenshot({ path: path.join(SHOTS, `scale-${name}-${w}-${scheme}.png`), fullPage: name !== 'articles' });
        }
        await shot.close();
      }
    }
    console.log(`scale (${size}): screenshots of home, articles, products page 2, routing and its page 2 in ${SHOTS}`);
  }
}
