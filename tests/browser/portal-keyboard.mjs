// Keyboard alone: every focus stop visible, the skip link works, the route finder usable.
import { expected, readAnswer, compare } from './portal-route.mjs';

/// The focused element, and whether its focus indicator shows (outline or box-shadow).
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const name = e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : '')
      + (e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : '');
    return {
      name,
      id: e.id,
      visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0,
      indicator: outline || shadow,
      focusVisible: e.matches(':focus-visible'),
    };
  });
}

/// Tabs through the whole page; returns the focus stops and the problems met.
async function tabThrough(page, max = 120) {
  const stops = [];
  const problems = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) break;
    if (stops.length && f.name === stops[0]) break;
    stops.push(f.name);
    if (!f.visible) problems.push(`focus on ${f.name} is off screen or invisible`);
    else if (!f.focusVisible || !f.indicator) problems.push(`focus on ${f.name} has no visible indicator`);
  }
  return { stops, problems };
}

export async function keyboard({ url, checks, context, W, BIN, SITE, lang }) {
  const c = await context('keyboard', { timezoneId: 'Europe/Rome' });
  const page = await c.page();
  await page.clock.setFixedTime(new Date('2026-11-24T09:00:00Z'));

  await checks.run('keyboard: home page focus stops are all visible', async (p) => {
    await page.goto(url(''));
    const { stops, problems } = await tabThrough(page);
    p.push(...problems);
    if (stops.length < 10) p.push(`only ${stops.length} focus stops`);
    console.log(`keyboard: ${stops.length} focus stops on the home page`);
  });
  for (const p of ['plans/', 'products/azure/', 'contact/']) {
    await checks.run(`keyboard: /${p} focus stops are all visible`, async (problems) => {
      await page.goto(url(p));
      const r = await tabThrough(page);
      problems.push(...r.problems);
      if (r.stops.length < 5) problems.push(`only ${r.stops.length} focus stops`);
    });
  }
  await checks.run('keyboard: the skip link is the first stop and moves focus to the content', async (p) => {
    await page.goto(url(''));
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const e = document.activeElement;
      const r = e.getBoundingClientRect();
      return { skip: e.classList.contains('skip'), onScreen: r.left >= 0 && r.top >= 0 && r.width > 0 };
    });
    if (!first.skip) p.push('the first Tab does not reach the skip link');
    if (!first.onScreen) p.push('the focused skip link is not on screen');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
    if (!inMain) p.push('after the skip link, Tab does not go into the main content');
  });

  await checks.run('keyboard: route finder used by keyboard alone', async (p) => {
    const cas = ['azure', 'outage', 'A', 'premium'];
    await page.goto(url('routing/'));
    await page.waitForLoadState('networkidle');
    const { problems } = { problems: [] };
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f && !(f.focusVisible && f.indicator)) problems.push(`focus on ${f.name} has no visible indicator`);
      reached = !!f && f.id === 'f-product';
    }
    if (!reached) { p.push('Tab never reaches the product choice'); return; }
    // Type-ahead picks an option by its visible name, as a customer would.
    const names = await page.evaluate((vals) => ['f-product', 'f-issue', 'f-severity', 'f-plan'].map((id, i) =>
      [...document.getElementById(id).options].find((o) => o.value === vals[i]).textContent), cas);
    for (let i = 0; i < names.length; i++) {
      if (i > 0) await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f || !(f.focusVisible && f.indicator)) problems.push(`focus on ${f && f.name} has no visible indicator`);
      await page.keyboard.type(names[i], { delay: 20 });
      await page.waitForTimeout(1100); // let type-ahead forget before the next field
    }
    await page.waitForSelector('#finder-answer p.small a', { timeout: 5000 });
    p.push(...problems);
    p.push(...compare(W, cas, expected(BIN, SITE, cas, lang), await readAnswer(page)));
    // Tab goes on into the answer's links, with a visible focus.
    await page.keyboard.press('Tab');
    const f = await focused(page);
    const inAnswer = await page.evaluate(() => !!document.activeElement.closest('#finder-answer'));
    if (!inAnswer) p.push(`after the last choice, Tab goes to ${f && f.name}, not into the answer`);
    else if (!(f.focusVisible && f.indicator)) p.push(`focus on ${f.name} in the answer has no visible indicator`);
  });
  await c.done();
}
