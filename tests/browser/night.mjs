// The portal at night (issue 24) in headless Chromium, with the clock and the visitor's zone set:
//
//   node tests/browser/night.mjs EX_DIR EX_PORT EX_SOURCE NB_DIR NB_PORT NB_SOURCE
//
// EX is content-example (Italian at the root, English), NB tests/fixtures/night (German at the
// root, French, Spanish; a Berlin office with holidays, a 24/7 hotline for Premium only that
// speaks German only), each built for http://127.0.0.1:PORT/. $SUPPORTBOOK_BIN answers
// `route --at` for the same instants. Checks:
//   - the finder's contact now (and, when none is staffed, when the earliest opens) is what
//     `route --at` says, for night, weekday, holiday and reduced-hours instants; it comes first,
//     its call button and due time on the first screen of a phone (360×640, 390×844);
//   - "I don't know": one block per contact, open ones first, each phone number once, a short
//     table of the differences; its height at 360 px;
//   - the language switcher keeps the finder's case and the anchor, and stays in the header at
//     360 px with 44 px targets;
//   - languages of service in the reader's words; the contact page says which plans a line is for;
//   - holidays named in the open-now status; hours in the visitor's zone on contact and plan pages;
//   - the desktop hero's open-now summary, naming the method whose own hours it tells (a chat open
//     on a holiday of the desk), as the card does;
//   - every catalogue text a language lacks, on every page and in finder answers, sits in an
//     element whose closest [lang] is the default language, and no translated text does;
//   - not-covered answers link onward; a 404 page per language; no sideways scrolling at 360 px;
//     axe (WCAG 2.1 A/AA) in light and dark on every page and state above; no console errors and no
//     request leaving the site. Screenshots in $SCREENSHOT_DIR (night-*.png).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';
import { serve } from './static-server.mjs';
import { Checks, watch } from './portal-lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const [exDir, exPort, exSource, nbDir, nbPort, nbSource] = process.argv.slice(2);
const BIN = process.env.SUPPORTBOOK_BIN;
const SHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(ROOT, 'target/screenshots'));
fs.mkdirSync(SHOTS, { recursive: true });
const AXE = path.join(HERE, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const I18N = JSON.parse(fs.readFileSync(path.join(ROOT, 'themes/default/i18n.json'), 'utf8'));
const fill = (s, args) => Object.entries(args).reduce((t, [k, v]) => t.split(`{${k}}`).join(v), s);

const checks = new Checks();
const ex = { name: 'content-example', dir: exDir, ...(await serve(exDir, Number(exPort))), source: exSource, langs: ['it', 'en'] };
const nb = { name: 'night', dir: nbDir, ...(await serve(nbDir, Number(nbPort))), source: nbSource, langs: ['de', 'fr', 'es'] };
const prefix = (site, l) => (l === site.langs[0] ? '' : `${l}/`);
const browser = await launch();
const contexts = [];
/// A watched context: console errors and requests leaving the two local sites are problems.
async function context(origin, options) {
  const ctx = await browser.newContext(options);
  const watched = watch(ctx, origin);
  const other = origin === ex.origin ? nb.origin : ex.origin;
  const seen = { problems: { splice: () => watched.problems.splice(0).filter((p) => !p.includes(`external request: ${other}/`)) } };
  contexts.push({ ctx, seen });
  return { ctx, seen };
}
async function page(c, at, url) {
  const p = await c.ctx.newPage();
  if (at) await p.clock.setFixedTime(new Date(at));
  if (url) await p.goto(url, { waitUntil: 'load' });
  return p;
}

// Instants (UTC): Monday 7 December 02:30 in Rome (St Ambrose, a Milan holiday); Wednesday
// 9 December 10:00; Christmas Eve 15:00 (after the reduced hours); Christmas Day 10:00.
const NIGHT = '2026-12-07T01:30:00Z';
const WEEKDAY = '2026-12-09T09:00:00Z';
const EVE = '2026-12-24T14:00:00Z';
const XMAS = '2026-12-25T09:00:00Z';
const CASES = {
  ex: [['azure', 'outage', 'A', 'essential'], ['azure', 'outage', 'A', 'premium'], ['azure', 'outage', 'C', 'premium'],
    ['m365', 'billing', 'C', 'standard'], ['d365', 'outage', 'B', 'enterprise']],
  nb: [['cloud', 'ausfall', 'kritisch', 'basis'], ['cloud', 'ausfall', 'kritisch', 'premium'], ['cloud', 'ausfall', 'normal', 'premium'],
    ['mail', 'rechnung', 'normal', 'basis'], ['mail', 'ausfall', 'normal', 'basis']],
};
const query = (c) => `product=${c[0]}&issue=${c[1]}&severity=${c[2]}&plan=${c[3]}`;

/// `route --at` for one case: { contact_now, opens_at, due }.
function route(site, c, at) {
  const out = execFileSync(BIN, ['route', site.source, '--product', c[0], '--issue', c[1], '--severity', c[2], '--plan', c[3],
    '--at', at, '--format', 'json'], { encoding: 'utf8' });
  const k = JSON.parse(out).cases[0];
  return { contact_now: k.contact_now, opens_at: k.opens_at ?? null, due: (k.response[0] || {}).response_due ?? null };
}

/// What the finder shows first.
function readNow(p) {
  return p.evaluate(() => {
    const out = document.getElementById('finder-answer');
    const card = out.querySelector('.finder-now');
    if (!card) return null;
    const first = out.querySelector('h4:not(.finder-now-title)');
    const due = card.querySelector('.finder-due');
    return {
      id: card.getAttribute('data-contact-now'),
      open: card.getAttribute('data-open') === 'true',
      opens: card.getAttribute('data-opens'),
      due: due ? due.getAttribute('data-due') : null,
      dueText: due ? due.textContent : '',
      beforeFirstContact: !first || !!(card.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
      status: (card.querySelector('.status-text') || {}).textContent || '',
    };
  });
}
async function answered(p) {
  await p.waitForSelector('#finder-answer p.small a', { timeout: 10_000 });
}

/// axe in the page's current state; the violations as problems.
async function axe(p, where) {
  await p.addScriptTag({ path: AXE });
  const r = await p.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return r.violations.map((v) => `${where}: axe ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
async function overflow(p, where) {
  const w = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  return w[0] > w[1] ? [`${where}: ${w[0]} px wide at ${w[1]} px`] : [];
}

try {
  // ---- the contact now agrees with `route --at` ----------------------------------------------
  for (const [key, site] of [['ex', ex], ['nb', nb]]) {
    const c = await context(site.origin, { timezoneId: 'America/New_York', viewport: { width: 360, height: 640 } });
    for (const at of [NIGHT, WEEKDAY, EVE, XMAS]) {
      await checks.run(`${site.name}: the finder's contact now is route --at's at ${at} (${CASES[key].length} cases)`, async (problems) => {
        for (const cs of CASES[key]) {
          const want = route(site, cs, at);
          const p = await page(c, at, `${site.origin}/${prefix(site, site.langs[1])}routing/?${query(cs)}`);
          await answered(p);
          const got = await readNow(p);
          const where = `${cs.join('/')}`;
          if (!got) { problems.push(`${where}: no contact-now card`); await p.close(); continue; }
          if (want.contact_now) {
            if (got.id !== want.contact_now || !got.open) problems.push(`${where}: shows ${got.id} (open ${got.open}), route says ${want.contact_now}`);
          } else if (got.open || got.opens !== want.opens_at) {
            problems.push(`${where}: shows ${got.id} open=${got.open} opens ${got.opens}, route says none, opens ${want.opens_at}`);
          }
          if (got.due !== want.due) problems.push(`${where}: due ${got.due} beside it, route says ${want.due}`);
          if (!got.beforeFirstContact) problems.push(`${where}: the contact now is not first`);
          if (!/\(.+;.+\)/.test(got.dueText)) problems.push(`${where}: the due time is not in both zones: ${got.dueText}`);
          await p.close();
        }
      });
    }
    checks.record(`${site.name}: no console errors or outside requests (contact now)`, c.seen.problems.splice(0));
  }

  // ---- first screen of a phone, light and dark -------------------------------------------------
  for (const [site, cs, lang] of [[ex, CASES.ex[1], 'en'], [nb, CASES.nb[1], 'de'], [nb, CASES.nb[0], 'es']]) {
    for (const viewport of [{ width: 360, height: 640 }, { width: 390, height: 844 }]) {
      for (const scheme of ['light', 'dark']) {
        const c = await context(site.origin, { timezoneId: 'America/New_York', viewport, colorScheme: scheme, isMobile: true, hasTouch: true });
        const name = `${site.name} ${lang} ${cs.join('/')} at night, ${viewport.width}×${viewport.height} ${scheme}`;
        await checks.run(`first screen: ${name}`, async (problems) => {
          const p = await page(c, NIGHT, `${site.origin}/${prefix(site, lang)}routing/?${query(cs)}`);
          await answered(p);
          const box = await p.evaluate(() => {
            const card = document.querySelector('.finder-now');
            const r = (e) => (e ? e.getBoundingClientRect() : null);
            const call = card.querySelector('a.button[href^="tel:"]');
            const due = card.querySelector('.finder-due');
            return { h: innerHeight, call: r(call), due: r(due), card: r(card), name: card.querySelector('.finder-now-name').textContent };
          });
          for (const [what, r] of [['call button', box.call], ['due time', box.due]]) {
            if (!r) problems.push(`no ${what} in the contact-now card (${box.name})`);
            else if (r.top < 0 || r.bottom > box.h) problems.push(`${what} at ${Math.round(r.top)}–${Math.round(r.bottom)} px, screen ${box.h} px`);
          }
          problems.push(...await overflow(p, name));
          problems.push(...await axe(p, name));
          await p.screenshot({ path: path.join(SHOTS, `night-now-${site.name}-${lang}-${viewport.width}-${scheme}.png`) });
          await p.close();
        });
        checks.record(`first screen: ${name}: no console errors`, c.seen.problems.splice(0));
        await c.ctx.close();
      }
    }
  }

  // ---- "I don't know": compact ---------------------------------------------------------------------
  {
    const c = await context(ex.origin, { timezoneId: 'Europe/Rome', viewport: { width: 360, height: 640 } });
    for (const [site, lang, q, limit] of [
      [ex, 'en', 'product=azure&issue=outage&severity=%3F&plan=%3F', 3200],
      [ex, 'it', 'product=azure&issue=outage&severity=A&plan=%3F', 2400],
      [nb, 'fr', 'product=cloud&issue=ausfall&severity=%3F&plan=%3F', 1800],
    ]) {
      const name = `${site.name} ${lang} ${decodeURIComponent(q)}`;
      await checks.run(`"I don't know" collapses: ${name}`, async (problems) => {
        const p = await page(c, NIGHT, `${site.origin}/${prefix(site, lang)}routing/?${q}`);
        await answered(p);
        const v = await p.evaluate(() => {
          const out = document.getElementById('finder-answer');
          const tel = [...out.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href'));
          const cards = [...out.querySelectorAll('.finder-now')].map((x) => ({ id: x.getAttribute('data-contact-now'), open: x.getAttribute('data-open') === 'true', when: x.querySelector('.finder-when') ? x.querySelector('.finder-when').textContent : '' }));
          const table = out.querySelector('table.finder-table');
          return { height: out.getBoundingClientRect().height, tel, cards, rows: table ? table.tBodies[0].rows.length : 0,
            cols: table ? table.tHead.rows[0].cells.length : 0, plans: document.getElementById('finder').elements.plan.options.length - 2,
            severities: document.getElementById('finder').elements.severity.options.length - 2 };
        });
        console.log(`  ${name}: answer ${Math.round(v.height)} px at 360 px, ${v.cards.length} contact blocks, ${v.tel.length} call buttons`);
        if (v.height > limit) problems.push(`the answer is ${Math.round(v.height)} px tall (limit ${limit})`);
        const dup = v.tel.filter((t, i) => v.tel.indexOf(t) !== i);
        if (dup.length) problems.push(`numbers repeated: ${dup.join(', ')}`);
        const ids = v.cards.map((x) => x.id);
        if (new Set(ids).size !== ids.length) problems.push(`a contact in two blocks: ${ids.join(', ')}`);
        const firstClosed = v.cards.findIndex((x) => !x.open);
        if (firstClosed >= 0 && v.cards.slice(firstClosed).some((x) => x.open)) problems.push(`an open contact after a closed one: ${JSON.stringify(v.cards)}`);
        if (v.cards.some((x) => !x.when)) problems.push('a block does not say which cases it is for');
        if (v.rows !== v.plans) problems.push(`the table has ${v.rows} rows for ${v.plans} plans`);
        if (v.cols < 2) problems.push(`the table has ${v.cols} columns`);
        problems.push(...await overflow(p, name));
        for (const scheme of ['light', 'dark']) {
          await p.emulateMedia({ colorScheme: scheme });
          problems.push(...await axe(p, `${name} ${scheme}`));
        }
        await p.screenshot({ path: path.join(SHOTS, `night-unknown-${site.name}-${lang}.png`), fullPage: true });
        await p.close();
      });
    }
    checks.record('"I don\'t know": no console errors', c.seen.problems.splice(0));
  }

  // ---- the switcher keeps the case and stays in the phone header ------------------------------
  {
    const c = await context(ex.origin, { timezoneId: 'Europe/Rome', viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    await checks.run('switcher: the English link leads to the same answer', async (problems) => {
      const cs = CASES.ex[1];
      const p = await page(c, NIGHT, `${ex.origin}/routing/?${query(cs)}`);
      await answered(p);
      const before = await readNow(p);
      await p.click('.site-header nav.languages a[hreflang="en"]');
      await p.waitForURL(/\/en\/routing\//);
      await answered(p);
      const url = new URL(p.url());
      if (url.search !== `?${query(cs)}`) problems.push(`landed on ${p.url()}`);
      const after = await readNow(p);
      if (!after || after.id !== before.id || after.due !== before.due) problems.push(`answer ${JSON.stringify(after)} after switching, was ${JSON.stringify(before)}`);
      // A choice made on the page travels too.
      await p.selectOption('#f-plan', 'essential');
      await answered(p);
      const href = await p.getAttribute('.site-header nav.languages a[hreflang="it"]', 'href');
      if (!href.endsWith(`?${query([...cs.slice(0, 3), 'essential'])}`)) problems.push(`after a new choice the Italian link is ${href}`);
      await p.close();
    });
    await checks.run('switcher: an anchor travels with the language', async (problems) => {
      const p = await page(c, NIGHT, `${ex.origin}/en/contact/#contact-premium-line`);
      const href = await p.getAttribute('.site-header nav.languages a[hreflang="it"]', 'href');
      if (href !== '/contact/#contact-premium-line') problems.push(`the Italian link is ${href}`);
      await p.close();
    });
    for (const site of [ex, nb]) {
      for (const l of site.langs) {
        await checks.run(`switcher in the header at 360 px: ${site.name} ${l}`, async (problems) => {
          for (const pg of ['', 'contact/', 'routing/', 'plans/', '404.html']) {
            const p = await page(c, NIGHT, `${site.origin}/${prefix(site, l)}${pg}`);
            const v = await p.evaluate(() => {
              const nav = document.querySelector('.site-header nav.languages');
              const header = document.querySelector('.site-header').getBoundingClientRect();
              return {
                inMenu: !!nav.closest('#sb-menu'),
                header: [header.top, header.bottom],
                links: [...nav.querySelectorAll('a')].map((a) => { const r = a.getBoundingClientRect(); return { lang: a.getAttribute('hreflang'), w: r.width, h: r.height, top: r.top, bottom: r.bottom, left: r.left, right: r.right, visible: r.width > 0 && getComputedStyle(a).visibility !== 'hidden' }; }),
              };
            });
            const where = `/${prefix(site, l)}${pg}`;
            if (v.inMenu) problems.push(`${where}: the switcher is inside the menu`);
            if (v.links.length !== site.langs.length) problems.push(`${where}: ${v.links.length} languages`);
            for (const a of v.links) {
              if (!a.visible || a.left < 0 || a.right > 360 || a.top < v.header[0] || a.bottom > v.header[1]) problems.push(`${where}: ${a.lang} not shown in the header (${JSON.stringify(a)})`);
              if (a.w < 44 || a.h < 44) problems.push(`${where}: ${a.lang} is a ${Math.round(a.w)}×${Math.round(a.h)} target`);
            }
            await p.close();
          }
        });
      }
    }
    checks.record('switcher: no console errors', c.seen.problems.splice(0));
  }

  // ---- words: languages of service, plans a line is for, holidays, visitor's zone ----------------
  {
    const c = await context(nb.origin, { timezoneId: 'America/New_York', viewport: { width: 360, height: 640 } });
    {
      await checks.run('languages of service in the reader\'s words; the lines for some plans only say so', async (problems) => {
        const want = [
          [ex, 'en', 'premium-line', ['Languages: Italian and English', 'For Premium and Enterprise']],
          [ex, 'it', 'service-desk', ['Lingue: italiano e inglese']],
          [nb, 'de', 'hotline', ['Sprachen: nur Deutsch', 'Für Premium']],
          [nb, 'fr', 'hotline', ['Langues : allemand uniquement', 'Pour Premium']],
          [nb, 'es', 'hotline', ['Idiomas: solo alemán', 'Para Premium']],
          [nb, 'es', 'servicedesk', ['Idiomas: alemán, inglés y francés']],
        ];
        for (const [site, l, id, texts] of want) {
          const p = await page(c, WEEKDAY, `${site.origin}/${prefix(site, l)}contact/`);
          const t = await p.evaluate((i) => document.getElementById(`contact-${i}`).textContent.replace(/\s+/g, ' '), id);
          for (const x of texts) if (!t.includes(x)) problems.push(`/${prefix(site, l)}contact/ ${id}: no "${x}" in "${t.slice(0, 200)}"`);
          if (id === 'servicedesk' && /Para |Pour |Für /.test(t.split('Horario')[0])) problems.push(`${id} is for every plan but says it is for some`);
          // A name the French words lack is shown in German, and marked so.
          const mark = await p.evaluate((i) => { const h = document.getElementById(`contact-${i}-name`); const m = h.querySelector('[lang]') || h; return m.textContent === h.textContent ? m.getAttribute('lang') : null; }, id);
          const wantMark = site === nb && l === 'fr' && id === 'hotline' ? 'de' : null;
          if (mark !== wantMark) problems.push(`/${prefix(site, l)}contact/ ${id}: name marked lang=${mark}, want ${wantMark}`);
          await p.close();
        }
      });
    }
    await checks.run('holidays are named in the open-now status, with when it opens', async (problems) => {
      const want = [
        [nb, 'de', XMAS, 'servicedesk', fill(I18N.de.closed_holiday, { holiday: 'Erster Weihnachtstag' }), 'Mo um 08:00'],
        [nb, 'fr', EVE, 'servicedesk', fill(I18N.fr.closed_reduced, { holiday: 'Veille de Noël' }), 'lun. à 08:00'],
        [nb, 'es', XMAS, 'buchhaltung', fill(I18N.es.closed_holiday, { holiday: 'Navidad' }), 'lun a las 08:00'],
        [ex, 'en', XMAS, 'service-desk', fill(I18N.en.closed_holiday, { holiday: 'Christmas Day' }), 'Mon 08:30'],
        [ex, 'it', EVE, 'service-desk', fill(I18N.it.closed_reduced, { holiday: 'Vigilia di Natale' }), 'lun alle 08:30'],
      ];
      for (const [site, l, at, id, status, opens] of want) {
        for (const pg of ['', 'contact/']) {
          const p = await page(c, at, `${site.origin}/${prefix(site, l)}${pg}`);
          const sel = pg ? `#contact-${id} > .status` : `#help-${id} > .status`;
          const v = await p.evaluate((s) => { const e = document.querySelector(s); return e ? [e.querySelector('.status-text').textContent, e.querySelector('.status-detail').textContent] : null; }, sel);
          if (!v) problems.push(`/${prefix(site, l)}${pg}: no status for ${id}`);
          else {
            if (v[0] !== status) problems.push(`/${prefix(site, l)}${pg} at ${at}: "${v[0]}", want "${status}"`);
            if (!v[1].includes(opens)) problems.push(`/${prefix(site, l)}${pg} at ${at}: "${v[1]}" does not say it opens ${opens}`);
          }
          if (pg === '' && l === site.langs[0]) await p.screenshot({ path: path.join(SHOTS, `night-holiday-${site.name}-${l}.png`) });
          await p.close();
        }
      }
    });
    await checks.run('hours in the visitor\'s zone on the contact and plan pages, only when it differs', async (problems) => {
      for (const [tz, want] of [['America/New_York', true], ['Europe/Rome', false]]) {
        const c2 = await context(ex.origin, { timezoneId: tz });
        for (const pg of ['en/contact/', 'en/plans/essential/']) {
          const p = await page(c2, WEEKDAY, `${ex.origin}/${pg}`);
          const local = await p.$$eval('.hours-local', (es) => es.map((e) => e.textContent));
          const office = local.find((t) => t.includes('Mon–Fri 02:30–07:00, 08:00–12:00; Sat 03:00–06:00'));
          if (want && !office) problems.push(`/${pg} in ${tz}: the office hours are not shown in New York time: ${JSON.stringify(local)}`);
          if (want && !local.every((t) => t.startsWith(I18N.en.hours_yours.split('{')[0]))) problems.push(`/${pg}: ${JSON.stringify(local)}`);
          if (!want && local.length) problems.push(`/${pg} in ${tz} (the desk's zone): ${JSON.stringify(local)}`);
          await p.close();
        }
        checks.record(`visitor's zone ${tz}: no console errors`, c2.seen.problems.splice(0));
      }
      // A Spanish reader in Tokyo: Berlin's 08:00–17:00 is 16:00–01:00 the same day and the next.
      const c3 = await context(nb.origin, { timezoneId: 'Asia/Tokyo' });
      const p = await page(c3, WEEKDAY, `${nb.origin}/es/contact/`);
      const t = await p.$eval('#contact-servicedesk .hours-local', (e) => e.textContent).catch(() => '');
      if (!t.includes('lun 16:00–24:00; mar–vie 00:00–01:00, 16:00–24:00; sáb 00:00–01:00')) problems.push(`Tokyo: "${t}"`);
      await p.close();
    });
    checks.record('words: no console errors', c.seen.problems.splice(0));
  }

  // ---- the desktop hero ----------------------------------------------------------------------------
  for (const [site, l] of [[ex, 'en'], [nb, 'de']]) {
    for (const scheme of ['light', 'dark']) {
      const c = await context(site.origin, { timezoneId: 'Europe/Rome', viewport: { width: 1280, height: 800 }, colorScheme: scheme });
      await checks.run(`desktop hero: who is open now beside the finder (${site.name} ${l}, ${scheme})`, async (problems) => {
        const p = await page(c, NIGHT, `${site.origin}/${prefix(site, l)}`);
        const v = await p.evaluate(() => {
          const r = (s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect() : null; };
          const items = [...document.querySelectorAll('.open-summary li')].map((li) => li.querySelector('.status').getAttribute('data-status'));
          return { first: r('.help-first'), entry: r('.finder-entry'), summary: r('.open-summary'), items };
        });
        if (!v.summary || v.summary.width === 0) { problems.push('no open-now summary'); return; }
        if (Math.abs(v.summary.top - v.first.top) > 2 || v.summary.left < v.entry.right) problems.push(`the summary is not the hero's third column: ${JSON.stringify(v)}`);
        if (!v.items.includes('open') || v.items.some((s) => s !== 'open' && s !== 'closed')) problems.push(`statuses ${v.items.join(', ')}`);
        problems.push(...await axe(p, `home ${scheme}`));
        await p.screenshot({ path: path.join(SHOTS, `night-hero-${site.name}-${scheme}.png`) });
        await p.close();
      });
      checks.record(`desktop hero ${site.name} ${scheme}: no console errors`, c.seen.problems.splice(0));
      await c.ctx.close();
    }
  }

  // ---- the hero's summary says which method it speaks for, as the card does ------------------------
  // St Ambrose (a Milan holiday): the Service Desk is closed all day, its chat (extended hours) is
  // not: at 02:30 the chat opens first, at 10:00 it is the one open.
  for (const scheme of ['light', 'dark']) {
    const c = await context(ex.origin, { timezoneId: 'Europe/Rome', viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    for (const [at, l, open] of [[NIGHT, 'en', false], ['2026-12-07T09:00:00Z', 'en', true], ['2026-12-07T09:00:00Z', 'it', true]]) {
      await checks.run(`hero summary on a holiday names the open method (${l} at ${at}, ${scheme})`, async (problems) => {
        const p = await page(c, at, `${ex.origin}/${prefix(ex, l)}`);
        const v = await p.evaluate(() => {
          const li = document.querySelector('.open-summary a[href="#help-service-desk"]').closest('li');
          const st = li.querySelector('.status');
          const method = [...li.querySelectorAll('.status-method')].filter((m) => !m.hidden).map((m) => m.textContent);
          const card = document.getElementById('help-service-desk');
          const own = card.querySelector(':scope > .status');
          const chat = [...card.querySelectorAll('.actions li')].find((x) => x.querySelector('.method-hours .status'));
          const cs = chat.querySelector('.method-hours .status');
          return {
            hero: { status: st.getAttribute('data-status'), text: st.querySelector('.status-text').textContent, detail: st.querySelector('.status-detail').textContent, method },
            card: { status: own.getAttribute('data-status'), text: own.querySelector('.status-text').textContent },
            chat: { label: chat.querySelector('.method-label').textContent, status: cs.getAttribute('data-status'), text: cs.querySelector('.status-text').textContent, detail: cs.querySelector('.status-detail').textContent },
          };
        });
        const colon = I18N[l].colon;
        if (v.card.status !== 'closed' || !v.card.text.includes(fill(I18N[l].closed_holiday, { holiday: '' }).trim())) problems.push(`the desk's card does not say it is closed for the holiday: ${JSON.stringify(v.card)}`);
        if (v.chat.status !== (open ? 'open' : 'closed')) problems.push(`the chat's line: ${JSON.stringify(v.chat)}`);
        if (JSON.stringify(v.hero.method) !== JSON.stringify([v.chat.label + colon])) problems.push(`the hero names ${JSON.stringify(v.hero.method)}, the card's open method is ${v.chat.label}`);
        if (v.hero.status !== v.chat.status || v.hero.text !== v.chat.text || v.hero.detail !== v.chat.detail) problems.push(`the hero says ${JSON.stringify(v.hero)}, the card's chat ${JSON.stringify(v.chat)}`);
        problems.push(...await axe(p, `hero ${l} ${at} ${scheme}`));
        await p.screenshot({ path: path.join(SHOTS, `night-hero-method-${l}-${open ? 'open' : 'opens'}-${scheme}.png`) });
        await p.close();
      });
    }
    await checks.run(`hero summary: the desk's own hours speak when they are open (${scheme})`, async (problems) => {
      const p = await page(c, WEEKDAY, `${ex.origin}/en/`);
      const v = await p.evaluate(() => {
        const li = document.querySelector('.open-summary a[href="#help-service-desk"]').closest('li');
        return { status: li.querySelector('.status').getAttribute('data-status'), method: [...li.querySelectorAll('.status-method')].filter((m) => !m.hidden).length };
      });
      if (v.status !== 'open' || v.method) problems.push(`on a weekday morning: ${JSON.stringify(v)}`);
      await p.close();
    });
    checks.record(`hero summary ${scheme}: no console errors`, c.seen.problems.splice(0));
    await c.ctx.close();
  }

  // ---- untranslated catalogue texts are marked with their language --------------------------------
  // What an edition shows untranslated, worked out apart from the build's own list: the texts of
  // api/catalogue.json that are the same in the default edition and in this one and that
  // translations/<lang>.yaml does not write; the translated ones differ. Codes (a severity's label
  // `A`) are in no language: a text is words when it has two letters in a row.
  function editionTexts(site, l) {
    const load = (pre) => JSON.parse(fs.readFileSync(path.join(site.dir, pre, 'api/catalogue.json'), 'utf8'));
    const yaml = fs.readFileSync(path.join(site.source, 'translations', `${l}.yaml`), 'utf8');
    const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const written = (t) => new RegExp(`(:|-|\\[|,)[ \\t]*"?${esc(t)}"?[ \\t]*(,|\\]|\\}|$)`, 'm').test(yaml);
    const TEXT = new Set(['name', 'description', 'note', 'summary', 'scope', 'label', 'features', 'exclusions', 'examples']);
    const same = new Set(), translated = new Set();
    (function walk(a, b, key) {
      if (typeof a === 'string' && typeof b === 'string') {
        if (!TEXT.has(key)) return;
        if (a !== b) translated.add(b.trim());
        else if (!written(a)) same.add(a.trim());
      } else if (Array.isArray(a) && Array.isArray(b)) a.forEach((x, i) => walk(x, b[i], key));
      else if (a && b && typeof a === 'object') for (const k of Object.keys(a)) walk(a[k], b[k], k);
    })(load(''), load(l), '');
    const fallback = [...same].filter((t) => /\p{L}\p{L}/u.test(t) && !t.includes('\n') && !translated.has(t));
    return { fallback, translated: [...translated].filter((t) => /\p{L}\p{L}/u.test(t)) };
  }
  /// Text nodes of the page (scripts, styles and hidden parts aside) against the two lists: an
  /// untranslated text, as a whole word sequence, is in the default language's [lang].
  function marked(p, texts, def, own) {
    return p.evaluate(({ fallback, translated, def, own }) => {
      const bad = [];
      const res = fallback.map((f) => [f, new RegExp(`(?<![\\p{L}\\p{N}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u')]);
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      while (walk.nextNode()) {
        const n = walk.currentNode, el = n.parentElement, t = n.data.trim();
        if (!t || !el || el.closest('script, style, template, [hidden]')) continue;
        const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang');
        // An <option> can hold no element: one that mixes the two languages keeps the page's.
        const rest = res.reduce((x, [, re]) => x.replace(new RegExp(re.source, 'gu'), ''), t);
        const mixed = el.tagName === 'OPTION' && /[\p{L}\p{N}]/u.test(rest);
        for (const [f, re] of res) if (re.test(t) && !mixed) { seen++; if (lang !== def) bad.push(`"${f}" in "${t.slice(0, 80)}" is marked ${lang}`); }
        if (translated.includes(t) && lang !== own) bad.push(`translated "${t.slice(0, 80)}" is marked ${lang}`);
      }
      return { bad, seen };
    }, { ...texts, def, own });
  }
  {
    // New Year's Eve afternoon: Berlin's office closed after its reduced hours, so the status the
    // script writes names the holiday ("Silvester", which the Spanish words lack).
    const EVE31 = '2026-12-31T13:00:00Z';
    const c = await context(nb.origin, { timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 800 } });
    for (const [site, key] of [[nb, 'nb'], [ex, 'ex']]) {
      const sitemap = fs.readFileSync(path.join(site.dir, 'sitemap.xml'), 'utf8');
      const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
      for (const l of site.langs) {
        await checks.run(`${site.name} ${l}: untranslated catalogue texts are marked ${site.langs[0]}, translated ones are not`, async (problems) => {
          const def = site.langs[0];
          const texts = l === def ? { fallback: [], translated: [] } : editionTexts(site, l);
          const mine = locs.filter((u) => (l === def ? !site.langs.slice(1).some((o) => u.startsWith(`/${o}/`)) : u.startsWith(`/${l}/`)));
          const answers = [...CASES[key], [CASES[key][0][0], CASES[key][0][1], '%3F', '%3F']].map((cs) => `/${prefix(site, l)}routing/?${query(cs)}`);
          let seen = 0;
          for (const u of [...mine, ...answers]) {
            const p = await page(c, EVE31, `${site.origin}${u}`);
            if (u.includes('?')) await answered(p);
            const v = await marked(p, texts, def, l);
            seen += v.seen;
            problems.push(...v.bad.map((b) => `${u}: ${b}`));
            if (l === def) {
              const extra = await p.evaluate(() => [...document.body.querySelectorAll('[lang]')].filter((e) => !e.closest('nav.languages')).map((e) => e.outerHTML.slice(0, 80)));
              if (extra.length) problems.push(`${u}: the default language marks ${extra.join(' | ')}`);
            }
            await p.close();
          }
          console.log(`  ${site.name} ${l}: ${mine.length} pages and ${answers.length} answers, ${texts.fallback.length} untranslated texts found ${seen} times`);
          if (l !== def && site === nb && !seen) problems.push('no untranslated text was found: the check checks nothing');
        });
      }
    }
    checks.record('marks: no console errors', c.seen.problems.splice(0));
  }

  // ---- every page type of every language in the states above: axe, no overflow, 404, onward links
  for (const site of [ex, nb]) {
    const c = await context(site.origin, { timezoneId: 'America/New_York', viewport: { width: 360, height: 640 } });
    for (const l of site.langs) {
      await checks.run(`${site.name} ${l}: axe light and dark, no overflow at 360 px (night, holiday)`, async (problems) => {
        const pages = ['', 'contact/', 'plans/premium/', 'plans/', `routing/?${query(site === ex ? CASES.ex[2] : CASES.nb[2])}`, 'routing/?product=' + (site === ex ? 'azure&issue=outage&severity=%3F&plan=%3F' : 'cloud&issue=migration&severity=normal&plan=%3F')];
        for (const [at, pg] of [[NIGHT, pages], [XMAS, pages.slice(0, 2)]].flatMap(([a, ps]) => ps.map((x) => [a, x]))) {
          const p = await page(c, at, `${site.origin}/${prefix(site, l)}${pg}`);
          if (pg.startsWith('routing/')) await answered(p);
          for (const scheme of ['light', 'dark']) {
            await p.emulateMedia({ colorScheme: scheme });
            problems.push(...await axe(p, `/${prefix(site, l)}${pg} ${at} ${scheme}`));
          }
          problems.push(...await overflow(p, `/${prefix(site, l)}${pg}`));
          await p.close();
        }
      });
      await checks.run(`${site.name} ${l}: a 404 page in the language`, async (problems) => {
        const res = await fetch(`${site.origin}/${prefix(site, l)}404.html`);
        const html = await res.text();
        if (!html.includes(`<html lang="${l}"`)) problems.push('not in its language');
        if (!html.includes(I18N[l].title_404)) problems.push(`no "${I18N[l].title_404}"`);
        const p = await page(c, NIGHT, `${site.origin}/${prefix(site, l)}404.html`);
        problems.push(...await axe(p, `404 ${l}`));
        problems.push(...await overflow(p, `404 ${l}`));
        await p.close();
      });
    }
    await checks.run(`${site.name}: a case not covered still links onward`, async (problems) => {
      const q = site === ex ? 'product=d365&issue=customisation&severity=C&plan=essential' : 'product=cloud&issue=migration&severity=normal&plan=basis';
      const p = await page(c, NIGHT, `${site.origin}/${prefix(site, site.langs[1])}routing/?${q}`);
      await answered(p);
      const v = await p.evaluate(() => {
        const out = document.getElementById('finder-answer');
        return { coveredBy: !!out.querySelector('.finder-covered-by'), contacts: [...out.querySelectorAll('a')].filter((a) => a.getAttribute('href').includes('/contact/')).length, now: !!out.querySelector('.finder-now') };
      });
      if (!v.coveredBy) problems.push('does not say which plans cover it');
      if (!v.contacts) problems.push('no link to a contact');
      if (v.now) problems.push('a contact-now card for a case not covered');
      await p.close();
    });
    checks.record(`${site.name}: no console errors or outside requests (pages)`, c.seen.problems.splice(0));
  }
} finally {
  await Promise.all(contexts.map((c) => c.ctx.close().catch(() => {})));
  await browser.close();
  ex.server.close();
  nb.server.close();
}
checks.finish();
