// What offers contain, in headless Chromium: the plan on request and the comparison with tax,
// allowances, the term and the add-ons, on a phone and printed.
//
//   node portal-offers.mjs DIR PORT
//
// DIR is content-example built for http://127.0.0.1:PORT/ (Italian at the root, English under
// /en/; its Enterprise plan is on request, Standard has allowances and a term, an on-site
// add-on applies to Standard and Premium, prices exclude IVA). Checks, in both languages:
//   - the on-request plan page: its price says "from" with the tax once, never "included"; the
//     link that says how to ask leads to the contact's entry on the contact page;
//   - the comparison at 360 px: no sideways scrolling, every cell of the allowance, term and
//     add-on rows on the screen and labelled with its plan; the tax statement in the price row;
//   - the comparison printed (A4 portrait, 794 px): every plan's column and every cell of the
//     new rows inside the page, the terms' version and date shown; page.pdf makes a PDF;
//   - screenshots of the Enterprise and Standard pages and the comparison, phone 360×780 and
//     desktop 1280×900, light and dark, in $SCREENSHOT_DIR (default target/screenshots), named
//     offers-<page>-<size>-<scheme>.png.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';
import { serve } from './static-server.mjs';
import { Checks, watch, squash } from './portal-lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const [dir, port] = process.argv.slice(2);
const SHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(ROOT, 'target/screenshots'));
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };
const PRINT = { width: 794, height: 1123 };
const I18N = JSON.parse(fs.readFileSync(path.join(ROOT, 'themes/default/i18n.json'), 'utf8'));

const checks = new Checks();
const site = await serve(dir, Number(port));
const browser = await launch();

async function context(name, options) {
  const ctx = await browser.newContext(options);
  const seen = watch(ctx, site.origin);
  return {
    page: () => ctx.newPage(),
    async done() {
      await ctx.close();
      checks.record(`${name}: no console errors and no request leaving ${site.origin}`, seen.problems);
    },
  };
}

/// The cells of the comparison's offer rows, each with its plan label and whether it is inside
/// the viewport.
async function offerCells(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('table.compare tr.allowance-row td, table.compare tr.term-row td, table.compare tr.add-ons-row td')]
      .map((td) => {
        const r = td.getBoundingClientRect();
        return { label: td.getAttribute('data-label'), text: td.textContent.trim(), inside: r.left >= -0.5 && r.right <= width + 0.5 };
      });
  });
}

const languages = [['it', ''], ['en', 'en/']];
try {
  for (const [lang, prefix] of languages) {
    const W = I18N[lang];
    const tax = lang === 'it' ? W.tax_excluded.replace('{name}', 'IVA') : W.tax_excluded.replace('{name}', 'VAT');
    // ---- The plan on request ------------------------------------------------------------------
    {
      const c = await context(`${lang}: the plan on request`, { viewport: DESKTOP });
      const page = await c.page();
      await checks.run(`${lang}: Enterprise says "from" with the tax once, never included, and how to ask`, async (p) => {
        await page.goto(`${site.origin}/${prefix}plans/enterprise/`);
        const headline = squash(await page.textContent('main .price-headline'));
        const from = W.price_from.split('{amount}')[0].trim();
        if (!headline.startsWith(from)) p.push(`headline ${JSON.stringify(headline)} does not start with ${JSON.stringify(from)}`);
        if (!headline.endsWith(tax)) p.push(`headline ${JSON.stringify(headline)} does not end with ${JSON.stringify(tax)}`);
        const main = squash(await page.innerText('main'));
        if (main.split(tax).length - 1 !== 1) p.push(`the tax is said ${main.split(tax).length - 1} times on the page`);
        if (main.includes(W.price_included)) p.push(`says ${JSON.stringify(W.price_included)}`);
        const ask = await page.$('main .price-request a');
        if (!ask) { p.push('no link saying how to ask for the price'); return; }
        const label = squash(await page.textContent('main .price-request'));
        if (!label.startsWith(W.price_request)) p.push(`request line ${JSON.stringify(label)}`);
        await ask.click();
        await page.waitForLoadState('load');
        const u = new URL(page.url());
        if (u.pathname !== `/${prefix}contact/` || u.hash !== '#contact-billing-desk') p.push(`the request leads to ${page.url()}`);
        if (!(await page.$('#contact-billing-desk'))) p.push('the contact page has no #contact-billing-desk');
      });
      await c.done();
    }
    // ---- The comparison on a phone --------------------------------------------------------------
    {
      const c = await context(`${lang}: the comparison at 360 px`, { viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await c.page();
      await checks.run(`${lang}: comparison at 360 px: no sideways scrolling, every offer cell on the screen with its plan`, async (p) => {
        await page.goto(`${site.origin}/${prefix}plans/`);
        const scroll = await page.evaluate(() => [document.scrollingElement.scrollWidth, document.documentElement.clientWidth]);
        if (scroll[0] > scroll[1]) p.push(`page ${scroll[0]} px wide at ${scroll[1]} px`);
        const cells = await offerCells(page);
        // Three allowance-kind rows? content-example counts cases and named contacts: two rows,
        // the term row and the add-ons row, four plans each.
        if (cells.length !== 16) p.push(`${cells.length} offer cells, expected 16`);
        for (const x of cells) {
          if (!x.inside) p.push(`${x.label}: ${JSON.stringify(x.text)} off the screen`);
          if (!x.label) p.push(`a cell without its plan: ${JSON.stringify(x.text)}`);
          if (!x.text) p.push(`${x.label}: blank cell`);
        }
        const rows = await page.$$eval('table.compare tbody th[scope="row"]', (ths) => ths.map((t) => t.textContent.trim()));
        for (const want of [W.allowance_kind_cases, W.allowance_kind_named_contacts, W.term, W.add_ons]) {
          if (!rows.includes(want)) p.push(`no row ${JSON.stringify(want)} (rows: ${rows.join(' | ')})`);
        }
        const price = squash(await page.textContent('table.compare tbody tr'));
        if (!price.includes(tax)) p.push(`the price row does not say ${JSON.stringify(tax)}`);
      });
      await c.done();
    }
    // ---- The comparison printed --------------------------------------------------------------------
    {
      const c = await context(`${lang}: the comparison printed`, { viewport: PRINT });
      const page = await c.page();
      await checks.run(`${lang}: comparison printed on A4: every plan and offer cell on the page, the terms' version and date`, async (p) => {
        await page.goto(`${site.origin}/${prefix}plans/`);
        await page.emulateMedia({ media: 'print' });
        const got = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const heads = [...document.querySelectorAll('table.compare thead th')].map((th) => th.getBoundingClientRect().right <= width + 0.5);
          const stamp = document.querySelector('.terms-stamp');
          return { heads, scroll: document.scrollingElement.scrollWidth, width, stamp: stamp && getComputedStyle(stamp).display !== 'none' ? stamp.textContent.trim() : null };
        });
        if (got.heads.length !== 4 || got.heads.some((ok) => !ok)) p.push(`${got.heads.filter((ok) => !ok).length} of ${got.heads.length} plan columns cut off`);
        if (got.scroll > got.width) p.push(`${got.scroll} px wide in print at ${got.width} px`);
        for (const x of await offerCells(page)) if (!x.inside) p.push(`${x.label}: ${JSON.stringify(x.text)} cut off in print`);
        if (!got.stamp || !got.stamp.includes('2026.2')) p.push(`terms stamp ${JSON.stringify(got.stamp)}`);
        const pdf = await page.pdf({ format: 'A4', printBackground: false });
        if (pdf.subarray(0, 5).toString() !== '%PDF-') p.push('no PDF');
        fs.mkdirSync(SHOTS, { recursive: true });
        fs.writeFileSync(path.join(SHOTS, `offers-plans-${lang}.pdf`), pdf);
      });
      await c.done();
    }
  }
  // ---- Screenshots ---------------------------------------------------------------------------
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    for (const scheme of ['light', 'dark']) {
      const c = await context(`screenshots ${size} ${scheme}`, { viewport, colorScheme: scheme, isMobile: size === 'phone', hasTouch: size === 'phone' });
      const page = await c.page();
      for (const [name, p] of [['enterprise', 'en/plans/enterprise/'], ['standard', 'en/plans/standard/'], ['plans', 'en/plans/']]) {
        await page.goto(`${site.origin}/${p}`, { waitUntil: 'load' });
        const file = path.join(SHOTS, `offers-${name}-${size}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        checks.record(`screenshot ${path.basename(file)}`, fs.statSync(file).size > 1000 ? [] : ['empty screenshot']);
      }
      await c.done();
    }
  }
} catch (e) {
  checks.record('offers browser run', [e.stack || String(e)]);
} finally {
  await browser.close();
  site.server.close();
  checks.finish();
}
