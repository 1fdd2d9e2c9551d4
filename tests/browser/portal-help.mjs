// What a customer with a problem meets first (issue 11): "get help now" ordered by who is open
// now under fixed clocks, each contact saying which plans include it; the route finder entry on
// the home page; "I don't know" my plan; answers for cases that are not covered; the 404 page's
// help; the matrix's alternatives read as "or".
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { squash } from './portal-lib.mjs';

/// The catalogue as the portal publishes it (plans, contacts).
function catalogue(siteDir) {
  return JSON.parse(fs.readFileSync(path.join(siteDir, 'api/catalogue.json'), 'utf8'));
}

/// `For Premium and Enterprise` / `For every plan`, as the build writes it in English.
function eligibility(W, cat, contactId) {
  const plans = cat.plans.filter((p) => (p.contacts || []).includes(contactId)).map((p) => p.name);
  if (!plans.length) return null;
  if (plans.length === cat.plans.length) return W.for_every_plan;
  return W.fill('for_plans', { plans: new Intl.ListFormat(W.lang, { type: 'conjunction' }).format(plans) });
}

function route(BIN, SITE, c) {
  const args = ['route', SITE, '--product', c[0], '--issue', c[1], '--severity', c[2], '--plan', c[3], '--format', 'json'];
  return JSON.parse(execFileSync(BIN, args, { encoding: 'utf8' })).cases[0];
}

/// The help cards of the home page in the order shown.
function cards(page) {
  return page.$$eval('[data-help-now] .help-card', (cs) => cs.map((c) => ({
    id: c.id.replace(/^help-/, ''),
    first: !!c.closest('.help-first'),
    open: c.getAttribute('data-open'),
    status: (c.querySelector(':scope > .status') || {}).getAttribute?.('data-status') ?? null,
    eligible: c.querySelector('.eligible') ? c.querySelector('.eligible').textContent.trim() : null,
    tel: (c.querySelector('a[href^="tel:"]') || {}).href || null,
  })));
}

export async function helpChecks({ url, checks, context, W, BIN, SITE, siteDir }) {
  const cat = catalogue(siteDir);
  // Sunday 23:30 in Rome: only the 24/7 line is open; Tuesday 10:00: the service desk is.
  const MOMENTS = [
    ['Sunday 23:30', '2026-12-06T22:30:00Z'],
    ['Tuesday 10:00', '2026-11-24T09:00:00Z'],
  ];
  const c = await context('get help now', { timezoneId: 'Europe/Rome', viewport: { width: 360, height: 780 } });
  for (const [what, at] of MOMENTS) {
    await checks.run(`get help now, ${what}: the first number offered belongs to an open contact, which says who may use it`, async (p) => {
      const page = await c.page();
      await page.clock.setFixedTime(new Date(at));
      await page.goto(url(''));
      const shown = await cards(page);
      if (shown.length < 2) p.push(`only ${shown.length} help cards`);
      const firstTel = await page.$eval('[data-help-now] a[href^="tel:"]', (a) => a.closest('.help-card').id.replace(/^help-/, ''));
      const owner = shown.find((x) => x.id === firstTel);
      if (!owner || owner.open !== 'true' || owner.status !== 'open') p.push(`the first number is ${firstTel}'s, which is not open: ${JSON.stringify(owner)}`);
      if (!shown[0].first) p.push('the first card is not the large one');
      const firstClosed = shown.findIndex((x) => x.open !== 'true');
      if (firstClosed >= 0 && shown.slice(firstClosed).some((x) => x.open === 'true')) p.push(`an open contact follows a closed one: ${shown.map((x) => `${x.id}:${x.open}`).join(', ')}`);
      for (const x of shown) {
        const want = eligibility(W, cat, x.id);
        if (x.eligible !== want) p.push(`${x.id}: eligibility ${JSON.stringify(x.eligible)}, expected ${JSON.stringify(want)}`);
        if (x.open !== 'true' && x.status !== 'closed') p.push(`${x.id} is not open but its status is ${x.status}`);
      }
      // A phone screen shows the first number without scrolling.
      const box = await page.$eval('[data-help-now] a[href^="tel:"]', (a) => a.getBoundingClientRect().bottom);
      if (box > 780) p.push(`the first number is below the first screen (${Math.round(box)} px)`);
      await page.close();
    });
  }
  await checks.run('get help now: Sunday 23:30 puts the 24/7 line first, Tuesday 10:00 the service desk', async (p) => {
    const ids = [];
    for (const [, at] of MOMENTS) {
      const page = await c.page();
      await page.clock.setFixedTime(new Date(at));
      await page.goto(url(''));
      ids.push((await cards(page))[0].id);
      await page.close();
    }
    if (ids[0] !== 'premium-line' || ids[1] !== 'service-desk') p.push(`first cards ${ids.join(', ')}`);
  });
  await c.done();

  const n = await context('get help now without JavaScript', { javaScriptEnabled: false });
  await checks.run('get help now without JavaScript: the busiest contact first, every contact with its plans', async (p) => {
    const page = await n.page();
    await page.goto(url(''));
    const shown = await cards(page);
    if (!shown.length || shown[0].id !== 'service-desk' || !shown[0].first) p.push(`first card ${JSON.stringify(shown[0])}`);
    for (const x of shown) if (x.eligible !== eligibility(W, cat, x.id)) p.push(`${x.id}: eligibility ${JSON.stringify(x.eligible)}`);
    await page.close();
  });
  await n.done();

  const f = await context('finder entry', { timezoneId: 'Europe/Rome' });
  await checks.run('home: "find who handles your problem" leads to the finder with the product and problem chosen', async (p) => {
    const page = await f.page();
    await page.goto(url(''));
    const title = squash(await page.textContent('#finder-entry-title'));
    if (title !== W.finder_entry) p.push(`title ${JSON.stringify(title)}`);
    await page.selectOption('#e-product', 'azure');
    await page.selectOption('#e-issue', 'outage');
    await Promise.all([page.waitForURL(/\/routing\/\?/), page.click('.finder-entry button[type=submit]')]);
    const values = await page.$eval('#finder', (form) => [form.elements.product.value, form.elements.issue.value]);
    if (values.join('/') !== 'azure/outage') p.push(`the finder shows ${values.join('/')}`);
    await page.waitForFunction(() => document.getElementById('finder-answer').textContent.trim() !== '');
    const prompt = squash(await page.textContent('#finder-answer'));
    const want = W.fill('finder_more', { fields: `${W.dim_severity}, ${W.dim_plan}` });
    if (prompt !== want) p.push(`answer ${JSON.stringify(prompt)}, expected ${JSON.stringify(want)}`);
    await page.close();
  });

  await checks.run('finder: "I don\'t know" the plan answers for every plan, grouped, as route does', async (p) => {
    const page = await f.page();
    await page.goto(url('routing/?product=m365&issue=customisation&severity=C&plan=%3F'));
    await page.waitForSelector('#finder-answer .finder-case');
    const groups = await page.$$eval('#finder-answer .finder-case', (gs) => gs.map((g) => ({
      when: [...g.querySelectorAll('.finder-when li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
      // Covered cases come as one block per contact to reach now (under the "Covered" heading);
      // the cases not covered as one block headed so.
      heading: g.classList.contains('finder-now') ? null : g.querySelector('h4').textContent.trim(),
    })));
    const covered = squash(await page.textContent('#finder-answer > h3').catch(() => ''));
    const names = cat.plans.map((x) => x.name);
    for (const plan of cat.plans) {
      const e = route(BIN, SITE, ['m365', 'customisation', 'C', plan.id]);
      const g = groups.find((x) => x.when.some((w) => w.startsWith(`${W.dim_plan}${W.colon} `) && w.includes(plan.name)));
      if (!g) { p.push(`no answer lists plan ${plan.name}: ${JSON.stringify(groups)}`); continue; }
      const want = e.covered ? W.finder_covered : W.finder_not_covered;
      const shown = g.heading === null ? covered : g.heading;
      if (shown !== want) p.push(`${plan.name}: ${JSON.stringify(shown)}, route says ${JSON.stringify(want)}`);
    }
    const listed = groups.flatMap((g) => g.when).join(' ');
    if (!names.every((x) => listed.includes(x))) p.push(`not every plan is named: ${listed}`);
    if (groups.length >= names.length + 1) p.push(`${groups.length} groups for ${names.length} plans`);
    await page.close();
  });

  await checks.run('finder: a case that is not covered says which plans cover it and whom to ask, with no response target', async (p) => {
    const page = await f.page();
    await page.goto(url('routing/?product=m365&issue=customisation&severity=C&plan=essential'));
    await page.waitForSelector('#finder-answer .finder-covered-by');
    const covering = cat.plans.filter((x) => route(BIN, SITE, ['m365', 'customisation', 'C', x.id]).covered).map((x) => x.name);
    const want = covering.length ? W.fill('finder_covered_by', { plans: new Intl.ListFormat(W.lang, { type: 'disjunction' }).format(covering) }) : W.finder_covered_by_none;
    const got = squash(await page.textContent('#finder-answer .finder-covered-by'));
    if (got !== want) p.push(`says ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    if (await page.$('#finder-answer .finder-response')) p.push('a response target is shown for a case not covered');
    const asked = await page.$$eval('#finder-answer ul.plain a', (as) => as.map((a) => a.textContent.trim()));
    const essential = cat.plans.find((x) => x.id === 'essential');
    const contacts = essential.contacts.map((id) => cat.contacts.find((x) => x.id === id).name);
    if (asked.join('|') !== contacts.join('|')) p.push(`whom to ask: ${asked.join(', ')}, expected ${contacts.join(', ')}`);
    await page.close();
  });

  await checks.run('plans: under a plan, the hours its contacts keep where they differ from the hours it promises', async (p) => {
    const page = await f.page();
    let differing = 0;
    for (const plan of cat.plans) {
      const contacts = plan.contacts.map((id) => cat.contacts.find((x) => x.id === id));
      const differ = contacts.some((x) => x.hours !== plan.hours || (x.methods || []).some((m) => m.hours && m.hours !== x.hours));
      await page.goto(url(`plans/${plan.id}/`));
      const shown = await page.$$eval('.contact-hours a', (as) => as.map((a) => a.textContent.trim()));
      if (differ) {
        differing++;
        const want = contacts.map((x) => x.name);
        if (shown.join('|') !== want.join('|')) p.push(`${plan.id}: contacts' hours name ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}`);
      } else if (shown.length) p.push(`${plan.id}: contacts' hours shown though they are the plan's`);
    }
    if (!differing) p.push('no plan of the example promises other hours than its contacts keep');
    await page.close();
  });

  await checks.run('404: the page lists how to get help now, with a number to call', async (p) => {
    const page = await f.page();
    await page.goto(url('no/such/page/'));
    const tel = await page.$$eval('#help-title ~ ul a[href^="tel:"]', (as) => as.length);
    if (!tel) p.push('no number to call on the 404 page');
    await page.close();
  });

  await checks.run('matrix: a row with alternatives says "or" between them', async (p) => {
    const page = await f.page();
    await page.goto(url('products/azure/'));
    const rows = await page.$$eval('table.matrix td[data-label] ul.plain', (uls) => uls.map((ul) => [...ul.children].map((li) => li.textContent.replace(/\s+/g, ' ').trim())));
    const multi = rows.filter((r) => r.length > 1);
    if (!multi.length) p.push('no row with alternatives on the Azure page');
    for (const r of multi) r.slice(1).forEach((line) => { if (!line.startsWith(`${W.or} `)) p.push(`alternative ${JSON.stringify(line)} does not start with "${W.or}"`); });
    await page.close();
  });
  // Seen by the watched pages: the 404 of the missing page itself is expected.
  const seen = f.seen.problems.splice(0);
  f.seen.problems.push(...seen.filter((x) => !/Failed to load resource: .* 404/.test(x)));
  await f.done();
}
