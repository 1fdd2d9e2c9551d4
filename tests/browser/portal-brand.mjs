// The partner's brand, the header on a phone and the plan comparison, in headless Chromium.
//
//   node portal-brand.mjs BRANDED_DIR PORT WEAK_DIR WEAK_PORT
//
// BRANDED_DIR is content-example built with its brand (logo and colour), WEAK_DIR the same site
// with `colour: "#ffff00"`, each built for http://127.0.0.1:PORT/. Nothing here depends on the
// site's words: content-example's default language may change. Checks:
//   - the logo in every page's header, loaded, with the site's title (in the page's language) as
//     its alt; the desktop header the same height on every page;
//   - the menu at 360 px: a button toggling aria-expanded, every link shown, inside the screen,
//     not clipped, the current page marked; Escape closes it and gives focus back; without
//     JavaScript every link is shown and reachable;
//   - the brand colour in links and buttons, light and dark, with text contrast >= 4.5 computed
//     from the real styles, also for the weak colour (which is not shown as given);
//   - no sideways scrolling at 360 px on every page type; the plan comparison stacked there, and
//     within an A4 page in print;
//   - axe in light and dark: WCAG 2.1 A and AA with the menu open at 360 px, and the weak
//     colour's contrast on four page types;
//   - screenshots of every page type, phone 360×780 and desktop 1280×900, light and dark, in
//     $SCREENSHOT_DIR (default target/screenshots), named brand-<type>-<size>-<scheme>.png.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';
import { serve } from './static-server.mjs';
import { Checks, watch, htmlPages, pagePath } from './portal-lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const [brandDir, brandPort, weakDir, weakPort] = process.argv.slice(2);
const SHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(ROOT, 'target/screenshots'));
const AXE = path.join(HERE, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

const checks = new Checks();
const mark = (what) => console.log(`  ${what} done at ${((Date.now() - started) / 1000).toFixed(1)} s`);
const started = Date.now();
const branded = await serve(brandDir, Number(brandPort));
const weak = await serve(weakDir, Number(weakPort));
const browser = await launch();

/// Every page of a built site (its 404 page too), by URL path.
const pages = htmlPages(brandDir).map(pagePath);

/// One page of each type, by the body's `kind-` class, the root language's first.
function pageTypes(dir) {
  const types = new Map();
  for (const file of htmlPages(dir)) {
    const html = fs.readFileSync(path.join(dir, file), 'utf8');
    const kind = (/<body class="kind-([a-z0-9]+)"/.exec(html) || [])[1];
    if (kind && !types.has(kind)) types.set(kind, pagePath(file));
  }
  return types;
}
const types = pageTypes(brandDir);

/// A context whose pages are watched for console errors and requests leaving the site.
async function context(name, origin, options) {
  const ctx = await browser.newContext(options);
  const seen = watch(ctx, origin);
  return {
    page: () => ctx.newPage(),
    async done() {
      await ctx.close();
      checks.record(`${name}: no console errors and no request leaving ${origin}`, seen.problems);
    },
  };
}

/// WCAG 2 contrast of two CSS colours `rgb(r, g, b)`.
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
const hexToRgb = (h) => `rgb(${parseInt(h.slice(1, 3), 16)}, ${parseInt(h.slice(3, 5), 16)}, ${parseInt(h.slice(5, 7), 16)})`;

/// The colours a page really shows: a link in the main text, a button, the brand's shades.
async function colours(page) {
  return page.evaluate(() => {
    const bgOf = (e) => {
      for (let n = e; n; n = n.parentElement) {
        const c = getComputedStyle(n).backgroundColor;
        if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    const link = document.querySelector('main a:not(.button)');
    const button = document.querySelector('a.button:not(.secondary)');
    const root = getComputedStyle(document.documentElement);
    return {
      brand: root.getPropertyValue('--brand').trim(),
      light: root.getPropertyValue('--brand-light').trim(),
      dark: root.getPropertyValue('--brand-dark').trim(),
      accent: root.getPropertyValue('--brand-accent').trim(),
      link: link && { color: getComputedStyle(link).color, bg: bgOf(link) },
      button: button && { color: getComputedStyle(button).color, bg: getComputedStyle(button).backgroundColor },
    };
  });
}

try {
  // ---- The logo in every header, the desktop header's height --------------------------------
  {
    const c = await context('logo', branded.origin, { viewport: DESKTOP });
    const page = await c.page();
    const problems = [];
    const heights = new Map();
    const titles = new Map();
    const alts = [];
    for (const p of pages) {
      await page.goto(`${branded.origin}/${p}`, { waitUntil: 'load' });
      const got = await page.evaluate(() => {
        const img = document.querySelector('.site-header a.brand img.brand-logo');
        const header = document.querySelector('.site-header');
        return {
          lang: document.documentElement.lang,
          kind: document.body.className,
          alt: img && img.getAttribute('alt'),
          loaded: !!img && img.complete && img.naturalWidth > 0,
          height: header.getBoundingClientRect().height,
          logoHeight: img ? img.getBoundingClientRect().height : 0,
          title: document.title,
        };
      });
      if (got.kind === 'kind-home') titles.set(got.lang, got.title);
      heights.set(p, [got.lang, got.height]);
      if (!got.loaded) problems.push(`/${p}: no logo shown in the header`);
      if (got.logoHeight > 48) problems.push(`/${p}: logo ${got.logoHeight}px high`);
      alts.push([p, got.lang, got.alt]);
    }
    // The alt is the site's title in the page's language: the home page's <title> there.
    for (const [p, lang, alt] of alts) {
      const want = titles.get(lang);
      if (!alt || alt !== want) problems.push(`/${p}: logo alt ${JSON.stringify(alt)}, want ${JSON.stringify(want)}`);
    }
    // One height per language (its words for the links differ in length).
    const langs = [...new Set([...heights.values()].map(([l]) => l))];
    const distinct = langs.map((l) => [l, [...new Set([...heights.values()].filter(([x]) => x === l).map(([, h]) => h))]]);
    for (const [l, hs] of distinct) {
      if (hs.length !== 1) problems.push(`the header's height differs on the ${l} pages: ${[...heights].filter(([, [x]]) => x === l).map(([p, [, h]]) => `/${p} ${h}`).join(', ')}`);
    }
    checks.record(`logo in the header of ${pages.length} pages, alt = the site's title, header ${distinct.map(([l, hs]) => `${l} ${hs.join('/')}`).join(', ')} px high on every page of a language`, problems);
    await c.done();
  }

  mark('logo');
  // ---- The menu on a phone --------------------------------------------------------------------
  {
    const c = await context('menu 360 px', branded.origin, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await c.page();
    for (const [kind, p] of types) {
      const problems = [];
      await page.goto(`${branded.origin}/${p}`, { waitUntil: 'load' });
      const button = page.locator('.site-header .menu-button');
      const state = () => button.getAttribute('aria-expanded');
      const links = () => page.evaluate(() => [...document.querySelectorAll('#sb-menu a')].map((a) => {
        const r = a.getBoundingClientRect();
        return {
          text: a.textContent.trim(),
          shown: r.width > 0 && r.height > 0 && getComputedStyle(a).visibility === 'visible',
          inside: r.left >= 0 && r.right <= window.innerWidth + 0.5,
          clipped: a.scrollWidth > a.clientWidth + 1,
          big: r.height >= 24,
          current: a.getAttribute('aria-current'),
        };
      }));
      if (!(await button.isVisible())) problems.push('no menu button');
      if ((await button.getAttribute('aria-controls')) !== 'sb-menu') problems.push('aria-controls is not the menu');
      if ((await state()) !== 'false') problems.push(`aria-expanded starts ${await state()}`);
      if ((await links()).some((l) => l.shown)) problems.push('links shown while the menu is closed');
      await button.click();
      if ((await state()) !== 'true') problems.push('a click does not open it');
      const open = await links();
      for (const l of open) {
        if (!l.shown) problems.push(`${l.text} not shown`);
        if (!l.inside) problems.push(`${l.text} outside the screen`);
        if (l.clipped) problems.push(`${l.text} clipped`);
        if (!l.big) problems.push(`${l.text} is a small target`);
      }
      const isSection = !['404'].includes(kind);
      if (isSection && kind !== 'page' && !open.some((l) => l.current === 'page')) problems.push('no link marked aria-current="page"');
      // Keyboard: the first link is reached from the button; Escape closes and focus returns.
      await button.focus();
      await page.keyboard.press('Tab');
      const inMenu = await page.evaluate(() => !!document.activeElement.closest('#sb-menu'));
      if (!inMenu) problems.push('Tab from the button does not reach the menu');
      await page.keyboard.press('Escape');
      if ((await state()) !== 'false') problems.push('Escape does not close it');
      const back = await page.evaluate(() => document.activeElement.classList.contains('menu-button'));
      if (!back) problems.push('focus is not back on the button after Escape');
      await button.click();
      await page.mouse.click(180, 700);
      if ((await state()) !== 'false') problems.push('a click elsewhere does not close it');
      checks.record(`menu at 360 px on /${p} (${kind}): ${open.length} links`, problems);
    }
    await c.done();
  }
  {
    // Without JavaScript: no button, every link shown and inside the screen.
    const c = await context('menu without JavaScript', branded.origin, { viewport: PHONE, javaScriptEnabled: false });
    const page = await c.page();
    await page.goto(`${branded.origin}/${types.get('plans')}`);
    const got = await page.evaluate(() => ({
      button: getComputedStyle(document.querySelector('.menu-button')).display,
      links: [...document.querySelectorAll('#sb-menu a')].map((a) => {
        const r = a.getBoundingClientRect();
        return { text: a.textContent.trim(), ok: r.width > 0 && r.left >= 0 && r.right <= innerWidth + 0.5 && a.scrollWidth <= a.clientWidth + 1 };
      }),
      scroll: document.scrollingElement.scrollWidth,
    }));
    checks.record(`without JavaScript at 360 px: ${got.links.length} links all shown, no button`, [
      got.button === 'none' ? null : `the button shows (display ${got.button})`,
      got.links.length > 0 ? null : 'no links',
      ...got.links.filter((l) => !l.ok).map((l) => `${l.text} hidden or outside the screen`),
      got.scroll <= PHONE.width ? null : `page scrolls sideways (${got.scroll})`,
    ].filter(Boolean));
    await c.done();
  }

  mark('menu');
  // ---- The brand colour, light and dark, the strong and the weak one ---------------------------
  for (const [name, site] of [['brand colour', branded], ['weak colour #ffff00', weak]]) {
    for (const scheme of ['light', 'dark']) {
      const c = await context(`${name} ${scheme}`, site.origin, { viewport: DESKTOP, colorScheme: scheme });
      const page = await c.page();
      const problems = [];
      for (const kind of ['home', 'plans', 'product', 'page']) {
        await page.goto(`${site.origin}/${types.get(kind)}`);
        const got = await colours(page);
        const want = scheme === 'light' ? got.light : got.dark;
        if (!/^#[0-9a-f]{6}$/.test(got.brand)) { problems.push(`/${types.get(kind)}: no --brand on the page`); continue; }
        if (got.link) {
          const ratio = contrast(got.link.color, got.link.bg);
          if (got.link.color !== hexToRgb(want)) problems.push(`${kind}: link is ${got.link.color}, not the brand's ${scheme} shade ${want}`);
          if (ratio < 4.5) problems.push(`${kind}: link ${got.link.color} on ${got.link.bg} is ${ratio.toFixed(2)}:1`);
        } else if (kind !== 'home') {
          problems.push(`${kind}: no link in the main text`);
        }
        if (got.button) {
          const ratio = contrast(got.button.color, got.button.bg);
          if (got.button.bg !== hexToRgb(got.accent)) problems.push(`${kind}: button is ${got.button.bg}, not the accent ${got.accent}`);
          if (ratio < 4.5) problems.push(`${kind}: button text ${ratio.toFixed(2)}:1`);
          // Issue 21.23: the partner's colour itself whenever white or the theme's dark text
          // reads on it at AA (a yellow keeps its colour, under dark text).
          const keeps = contrast(hexToRgb(got.brand), 'rgb(255, 255, 255)') >= 4.5 || contrast(hexToRgb(got.brand), 'rgb(26, 31, 36)') >= 4.5;
          if (keeps && got.button.bg !== hexToRgb(got.brand)) problems.push(`${kind}: button is ${got.button.bg}, not the partner's own ${got.brand}`);
        }
        if (site === weak && got.link && got.link.color === hexToRgb(got.brand) && scheme === 'light') {
          problems.push(`${kind}: the weak colour is shown as given`);
        }
      }
      checks.record(`${name} in ${scheme}: links in the brand's shade, buttons in its colour where text reads on it, text >= 4.5:1`, problems);
      await c.done();
    }
  }

  mark('colours');
  // ---- No sideways scrolling at 360 px ---------------------------------------------------------
  {
    const c = await context('360 px', branded.origin, { viewport: PHONE, isMobile: true });
    const page = await c.page();
    const wide = [];
    for (const p of types.values()) {
      await page.goto(`${branded.origin}/${p}`, { waitUntil: 'load' });
      const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
      if (w > PHONE.width) wide.push(`/${p}: scrollWidth ${w}`);
    }
    // The plan comparison: every plan's value under its name, nothing scrolled away.
    await page.goto(`${branded.origin}/${types.get('plans')}`);
    const cells = await page.evaluate(() => [...document.querySelectorAll('table.compare tbody td')].map((td) => {
      const r = td.getBoundingClientRect();
      return { label: td.dataset.label, text: td.textContent.trim(), ok: r.left >= 0 && r.right <= innerWidth };
    }));
    checks.record(`360 px: ${types.size} page types do not scroll sideways`, wide);
    checks.record(`360 px: the plan comparison's ${cells.length} cells are on the screen, labelled, none blank`, [
      cells.length > 0 ? null : 'no comparison',
      ...cells.filter((x) => !x.ok).map((x) => `${x.label}: off the screen`),
      ...cells.filter((x) => !x.label).map((x) => `a cell without its plan's name: ${x.text}`),
      ...cells.filter((x) => !x.text).map((x) => `${x.label}: blank cell`),
    ].filter(Boolean));
    await c.done();
  }

  mark('360 px');
  // ---- Print: the plan comparison on A4 portrait ---------------------------------------------
  {
    const c = await context('print', branded.origin, { viewport: { width: 794, height: 1123 } });
    const page = await c.page();
    const problems = [];
    for (const kind of ['plans', 'plan']) {
      await page.goto(`${branded.origin}/${types.get(kind)}`);
      await page.emulateMedia({ media: 'print' });
      const got = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > width + 0.5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} > ${width})`);
        const plans = [...document.querySelectorAll('table.compare thead th')].map((th) => th.getBoundingClientRect().right <= width);
        return { over: over.slice(0, 5), plans, scroll: document.scrollingElement.scrollWidth, width };
      });
      problems.push(...got.over.map((o) => `${kind}: ${o}`));
      if (got.scroll > got.width) problems.push(`${kind}: page ${got.scroll} px wide in print`);
      if (kind === 'plans' && (got.plans.length === 0 || got.plans.some((ok) => !ok))) problems.push(`plans: ${got.plans.filter((ok) => !ok).length} of ${got.plans.length} plans cut off`);
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      if (pdf.subarray(0, 5).toString() !== '%PDF-') problems.push(`${kind}: no PDF`);
      await page.emulateMedia({ media: 'screen' });
    }
    checks.record('print at A4 portrait (794 px): every plan of the comparison on the page, nothing wider', problems);
    await c.done();
  }

  mark('print');
  // ---- axe: the menu open on a phone (one page: every page has the same header; portal.mjs runs
  // axe on every page of this site on a desktop), and the weak colour's contrast on the pages
  // with the most links and buttons; light and dark ----------------------------------------------------------------------
  for (const scheme of ['light', 'dark']) {
    const runs = [
      ['menu open', branded, PHONE, [['home', types.get('home')]], { type: 'tag', values: AXE_TAGS }],
      ['weak colour', weak, DESKTOP, ['home', 'plans', 'product', 'page'].map((k) => [k, types.get(k)]),
        { type: 'rule', values: ['color-contrast', 'link-in-text-block'] }],
    ];
    for (const [name, site, viewport, list, runOnly] of runs) {
      const c = await context(`axe ${name} ${scheme}`, site.origin, { viewport, colorScheme: scheme });
      const page = await c.page();
      for (const [kind, p] of list) {
        await page.goto(`${site.origin}/${p}`, { waitUntil: 'load' });
        if (viewport === PHONE) await page.click('.menu-button');
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((only) => axe.run(document, { runOnly: only }), runOnly);
        checks.record(`axe ${name} ${scheme} ${viewport.width} px /${p} (${kind})`, result.violations.map((v) =>
          `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`));
      }
      await c.done();
    }
  }

  mark('axe');
  // ---- Screenshots of every page type --------------------------------------------------------
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    for (const scheme of ['light', 'dark']) {
      const c = await context(`screenshots ${size} ${scheme}`, branded.origin,
        { viewport, colorScheme: scheme, timezoneId: 'Europe/Rome', isMobile: size === 'phone', hasTouch: size === 'phone' });
      const page = await c.page();
      await page.clock.setFixedTime(new Date('2026-11-24T09:00:00Z'));
      for (const [kind, p] of types) {
        await page.goto(`${branded.origin}/${p}`, { waitUntil: 'load' });
        const file = path.join(SHOTS, `brand-${kind}-${size}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        checks.record(`screenshot ${path.basename(file)}`, fs.statSync(file).size > 1000 ? [] : ['empty screenshot']);
      }
      if (size === 'phone') {
        await page.goto(`${branded.origin}/${types.get('plans')}`);
        await page.click('.menu-button');
        await page.screenshot({ path: path.join(SHOTS, `brand-menu-open-phone-${scheme}.png`) });
      }
      await c.done();
    }
  }
  console.log(`brand screenshots (phone 360×780, desktop 1280×900, light and dark; page types ${[...types.keys()].join(', ')}): ${SHOTS}`);
} catch (e) {
  checks.record('brand browser run', [e.stack || String(e)]);
} finally {
  await browser.close();
  branded.server.close();
  weak.server.close();
  console.log(`brand checks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  checks.finish();
}
