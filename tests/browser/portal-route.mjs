// The route finder against `supportbook route --format json`: choices in the form, deep
// links, the URL kept in step, the live region, and the matrices without JavaScript.
import { execFileSync } from 'node:child_process';
import { markdownText, squash } from './portal-lib.mjs';

// Chosen to cover: covered and not covered (with notes), the fallback, answers that depend
// on severity, on plan and on product, commercial paths and partner-only stages.
export const CASES = [
  ['azure', 'outage', 'A', 'premium'], // priority-critical: Priority Line first, partner-only stages
  ['azure', 'outage', 'A', 'essential'], // same case on another plan: service desk first
  ['azure', 'outage', 'B', 'standard'], // severity B escalates to Microsoft for Azure...
  ['d365', 'outage', 'B', 'standard'], // ...but not for Dynamics 365
  ['d365', 'outage', 'C', 'premium'], // severity C: technical
  ['m365', 'customisation', 'C', 'essential'], // not covered on Essential, with a note
  ['d365', 'customisation', 'B', 'standard'], // not covered for business apps on Standard
  ['m365', 'customisation', 'B', 'standard'], // covered for Microsoft 365 on Standard
  ['power-platform', 'customisation', 'A', 'premium'], // covered on Premium
  ['m365', 'billing', 'C', 'essential'], // commercial path to Microsoft through the provider
  ['azure', 'licence-change', 'B', 'enterprise'], // provider only
  ['d365', 'other', 'A', 'premium'], // the fallback
  ['power-platform', 'how-to', 'C', 'standard'],
  ['m365', 'identity', 'A', 'enterprise'], // 30 min target
  ['power-platform', 'performance', 'A', 'essential'],
  ['m365', 'cancellation', 'B', 'premium'],
  ['m365', 'billing', 'C', 'standard'], // a target rule: billing answered by the next business day
];
const DIMS = ['product', 'issue', 'severity', 'plan'];
const DEEP = [0, 5, 9, 11, 13, 6];

/// `route`'s answer for case `c`, in the site's language or in `lang`.
export function expected(BIN, SITE, c, lang) {
  const args = ['route', SITE, '--product', c[0], '--issue', c[1], '--severity', c[2], '--plan', c[3], '--format', 'json'];
  const out = execFileSync(BIN, lang ? [...args, '--lang', lang] : args, { encoding: 'utf8' });
  const cases = JSON.parse(out).cases;
  if (cases.length !== 1) throw new Error(`route gave ${cases.length} cases for ${c.join('/')}`);
  return cases[0];
}

/// What the finder shows.
export function readAnswer(page) {
  return page.evaluate(() => {
    const out = document.getElementById('finder-answer');
    const text = (e) => (e ? e.textContent.replace(/\s+/g, ' ').trim() : null);
    const stages = [...out.querySelectorAll('li')].filter((li) => li.querySelector(':scope > .stage-tier')).map((li) => ({
      tier: text(li.querySelector('.stage-tier')),
      who: text(li.querySelector('.stage-who')),
      badge: text(li.querySelector('.badge')),
      contact: text(li.querySelector('a.stage-contact')),
    }));
    const link = [...out.querySelectorAll('a')].find((a) => a.closest('p.small'));
    const status = out.querySelector('.status');
    return {
      role: out.getAttribute('role'),
      heading: text(out.querySelector('h3')),
      note: text(out.querySelector('.note')),
      stages,
      response: text(out.querySelector('.finder-response')),
      targets: Object.fromEntries([...out.querySelectorAll('.finder-target')].map((e) => [e.getAttribute('data-kind'), text(e)])),
      coveredBy: text(out.querySelector('.finder-covered-by')),
      hours: text(out.querySelector('p.hours')),
      links: [...out.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: text(a) })),
      link: link ? link.href : null,
      status: status ? status.getAttribute('data-status') : null,
      location: location.href,
      values: Object.fromEntries(['product', 'issue', 'severity', 'plan'].map((k) => [k, document.getElementById('finder').elements[k].value])),
    };
  });
}

/// Differences between what the finder shows and what `route` answers for case `c`. `route`
/// writes hours in English: `{ hours: false }` leaves them out for a site in another language.
/// `names` (each product's name by id) for a site whose finder takes the product typed by name.
export function compare(W, c, e, a, { hours = true, names = null } = {}) {
  const p = [];
  const want = (label, got, exp) => { if (got !== exp) p.push(`${label}: shown ${JSON.stringify(got)}, route says ${JSON.stringify(exp)}`); };
  want('answer region role', a.role, 'status');
  want('covered', a.heading, e.covered ? W.finder_covered : W.finder_not_covered);
  want('note', a.note, e.note ? markdownText(e.note) : null);
  want('tiers in order', a.stages.map((s) => s.tier).join(' → '), e.tiers.map((t) => t.name).join(' → '));
  want('responsible', a.stages.map((s) => s.who).join(' → '), e.tiers.map((t) => t.responsible).join(' → '));
  e.tiers.forEach((t, i) => {
    const s = a.stages[i];
    if (!s) return;
    if (t.partner_only) {
      want(`stage ${i + 1} (${t.id}) marked as an escalation we make`, s.badge, W.on_your_behalf);
      if (s.contact) p.push(`stage ${i + 1} (${t.id}) is partner-only but shows contact ${s.contact}`);
    } else {
      want(`stage ${i + 1} (${t.id}) contact`, s.contact, t.contact_name);
      if (s.badge) p.push(`stage ${i + 1} (${t.id}) is a customer contact but marked ${s.badge}`);
    }
  });
  // Each target (response, updates, resolution) in the words `route` gives, target rules
  // applied. A case that is not covered gets no target: the finder says who covers it instead.
  for (const kind of ['response', 'updates', 'resolution']) {
    const r = (e[kind] || []).find((x) => x.severity === c[2]);
    const line = r && e.covered ? squash(W.fill('finder_target', { kind: W[`target_${kind}`], words: r.words })) : null;
    want(`${kind} target`, (a.targets || {})[kind] || null, line);
    if (kind === 'response') want('response target', a.response, line);
  }
  if (!e.covered && !a.coveredBy) p.push('a case not covered does not say which plans cover it');
  if (e.covered && e.tiers.length) {
    const first = e.tiers[0];
    // `route` names the zone by its IANA id, the portal as people say it ("Italy Time").
    const withoutZone = (s) => (s || '').replace(/ \([^()]*\)$/, '');
    if (hours && (!a.hours || !withoutZone(first.hours).endsWith(withoutZone(a.hours)))) p.push(`first contact hours: shown ${JSON.stringify(a.hours)}, route says ${JSON.stringify(first.hours)}`);
    for (const m of first.methods) {
      if (!a.links.some((l) => l.href === m.value || l.text.includes(m.value))) p.push(`first contact: no link for ${m.type} ${m.value}`);
    }
    if (a.status !== 'open' && a.status !== 'closed') p.push(`first contact status is ${JSON.stringify(a.status)}`);
  }
  const q = new URL(a.location).searchParams;
  DIMS.forEach((d, i) => {
    if (q.get(d) !== c[i]) p.push(`URL ${a.location}: ${d}=${q.get(d)}, chosen ${c[i]}`);
    const typed = d === 'product' && names && a.values[d].toLowerCase() === names[c[i]].toLowerCase();
    if (a.values[d] !== c[i] && !typed) p.push(`form ${d} is ${a.values[d]}, expected ${c[i]}`);
  });
  if (a.link !== a.location) p.push(`"link to this answer" is ${a.link}, page is ${a.location}`);
  return p;
}

/// Marks the shown answer as old, so that the next one can be told apart.
async function markOld(page) {
  await page.evaluate(() => { window.__oldAnswer = document.querySelector('#finder-answer h3'); });
}
async function waitNew(page) {
  await page.waitForFunction(() => {
    const h = document.querySelector('#finder-answer h3');
    return h && h !== window.__oldAnswer && document.querySelector('#finder-answer p.small a');
  }, null, { timeout: 5000 });
}

export async function routeCases({ url, checks, context, W, BIN, SITE, lang }) {
  const answers = CASES.map((c) => expected(BIN, SITE, c, lang));
  const label = (c) => `${c[0]}/${c[1]}/${c[2]}/${c[3]}`;

  // Choosing in the form, case after case on one page (answers replace each other).
  const c1 = await context('route finder', { timezoneId: 'Europe/Rome' });
  const page = await c1.page();
  await page.goto(url('routing/'));
  await page.waitForLoadState('networkidle');
  await checks.run('route finder: product and issue alone ask for the other choices', async (p) => {
    await page.selectOption('#f-product', 'azure');
    await page.selectOption('#f-issue', 'outage');
    const t = squash(await page.textContent('#finder-answer'));
    const labels = [squash(await page.textContent('label[for=f-severity]')), squash(await page.textContent('label[for=f-plan]'))];
    const want = W.fill('finder_more', { fields: labels.join(', ') });
    if (t !== want) p.push(`shown ${JSON.stringify(t)}, expected ${JSON.stringify(want)}`);
    if (!page.url().includes('product=azure&issue=outage')) p.push(`URL not updated: ${page.url()}`);
  });
  for (let i = 0; i < CASES.length; i++) {
    const c = CASES[i];
    await checks.run(`route finder: choosing ${label(c)}`, async (p) => {
      await markOld(page);
      for (let d = 0; d < DIMS.length; d++) await page.selectOption(`#f-${DIMS[d]}`, c[d]);
      await waitNew(page);
      p.push(...compare(W, c, answers[i], await readAnswer(page)));
    });
  }
  // A slow answer for a product the customer has already left must not replace the answer for
  // the product chosen after it.
  const index = await (await fetch(url('api/finder/index.json'))).json();
  const dataOf = (id) => index.products.find((x) => x.id === id).data;
  await checks.run('route finder: a late answer for an earlier choice does not replace the current one', async (p) => {
    const i = 2, c = CASES[i]; // azure/outage/B/standard: Microsoft is involved (not for d365)
    if (dataOf('d365') === dataOf('azure')) p.push('d365 and azure share their data: the test needs two files');
    const slow = `**/finder/${dataOf('d365')}`;
    await page.goto(url('routing/'));
    await page.route(slow, async (r) => { await new Promise((ok) => setTimeout(ok, 700)); await r.continue(); });
    for (let d = 1; d < DIMS.length; d++) await page.selectOption(`#f-${DIMS[d]}`, c[d]);
    await page.selectOption('#f-product', 'azure');
    await page.waitForSelector('#finder-answer h3');
    const late = page.waitForResponse(slow);
    await page.selectOption('#f-product', 'd365'); // slow
    await page.selectOption('#f-product', 'azure'); // cached: shown at once
    await late;
    await page.waitForTimeout(200); // let the late answer be handled
    await page.unroute(slow);
    p.push(...compare(W, c, answers[i], await readAnswer(page)));
  });
  // Products routed alike share one data file, downloaded once.
  await checks.run('route finder: products routed alike share one download', async (p) => {
    const alike = index.products.filter((x) => x.data === dataOf('azure')).map((x) => x.id);
    if (alike.length < 2) p.push(`no product shares its data with azure (${JSON.stringify(index.products)})`);
    const files = new Set(index.products.map((x) => x.data));
    if (files.size >= index.products.length) p.push(`${files.size} data files for ${index.products.length} products`);
    const fetched = [];
    const seen = (r) => { if (r.url().includes('/api/finder/cases-')) fetched.push(new URL(r.url()).pathname); };
    await page.goto(url('routing/'));
    page.on('request', seen);
    const c = CASES[2];
    for (let d = 1; d < DIMS.length; d++) await page.selectOption(`#f-${DIMS[d]}`, c[d]);
    for (const id of alike) {
      await markOld(page);
      await page.selectOption('#f-product', id);
      await waitNew(page);
    }
    page.off('request', seen);
    if (fetched.length !== 1) p.push(`choosing ${alike.join(', ')} fetched ${JSON.stringify(fetched)}`);
  });
  await c1.done();

  // Deep links open with the answer shown.
  const c2 = await context('route finder deep links', { timezoneId: 'Europe/Rome' });
  const deep = await c2.page();
  for (const i of DEEP) {
    const c = CASES[i];
    await checks.run(`route finder: deep link ${label(c)}`, async (p) => {
      const q = new URLSearchParams(DIMS.map((d, k) => [d, c[k]])).toString();
      await deep.goto(url(`routing/?${q}`));
      await deep.waitForSelector('#finder-answer p.small a', { timeout: 5000 });
      p.push(...compare(W, c, answers[i], await readAnswer(deep)));
    });
  }
  await checks.run('route finder: a deep link with unknown choices shows no answer and no error', async (p) => {
    await deep.goto(url('routing/?product=nope&issue=%3Cb%3E&severity=Z&plan=premium'));
    await deep.waitForLoadState('networkidle');
    const v = await deep.evaluate(() => ({ product: document.getElementById('f-product').value, answer: document.getElementById('finder-answer').textContent }));
    if (v.product !== '') p.push(`product choice is ${JSON.stringify(v.product)}`);
    if (v.answer.trim() !== '') p.push(`answer shows ${JSON.stringify(v.answer)}`);
  });
  await c2.done();

  // Without JavaScript every answer is one link away: the product's matrix.
  const c3 = await context('route finder without JavaScript', { javaScriptEnabled: false });
  const nojs = await c3.page();
  await nojs.goto(url('routing/'));
  const products = await nojs.$$eval('#f-product option', (os) => os.map((o) => o.value).filter(Boolean));
  const matrixLinks = await nojs.$$eval('a[href*="#matrix"]', (as) => as.map((a) => a.href));
  await checks.run('routing without JavaScript: says where the answers are, links every product\'s matrix', async (p) => {
    const text = squash(await nojs.textContent('main'));
    if (!text.includes(W.finder_noscript)) p.push('the no-script note is not shown');
    for (const id of products) {
      if (!matrixLinks.some((h) => new URL(h).pathname.endsWith(`/products/${id}/`))) p.push(`no link to the matrix of ${id}`);
    }
  });
  for (let i = 0; i < CASES.length; i++) {
    const c = CASES[i], e = answers[i];
    await checks.run(`matrix without JavaScript has the answer for ${label(c)}`, async (p) => {
      const link = matrixLinks.find((h) => new URL(h).pathname.endsWith(`/products/${c[0]}/`));
      await nojs.goto(link);
      const rows = await nojs.$$eval(`table.matrix tbody#issue-${c[1]} tr`, (trs) => trs.map((tr) => ({
        tiers: [...tr.querySelectorAll('.stage-tier')].map((s) => s.textContent.trim()),
        notCovered: tr.classList.contains('not-covered'),
        note: (tr.querySelector('.note') || { textContent: '' }).textContent.replace(/\s+/g, ' ').trim(),
        partner: [...tr.querySelectorAll('.stage')].map((s) => s.classList.contains('stage-partner')),
      })));
      const headers = await nojs.$$eval('table.matrix thead th[scope=col]', (ths) => ths.length);
      if (headers < 2) p.push('the matrix has no column headers');
      if (!rows.length) p.push(`no rows for issue ${c[1]}`);
      const found = e.covered
        ? rows.some((r) => !r.notCovered && r.tiers.join(' → ') === e.tiers.map((t) => t.name).join(' → ')
          && r.partner.join() === e.tiers.map((t) => t.partner_only).join())
        : rows.some((r) => r.notCovered && r.note === markdownText(e.note || ''));
      if (!found) p.push(`no row shows ${e.covered ? e.tiers.map((t) => t.name).join(' → ') : 'not covered: ' + e.note}`);
    });
  }
  await c3.done();
}
