// "Open now" under a fixed clock and a chosen visitor time zone, on the contact page of
// content-example: the service desk (milan-office: Mon–Fri 08:30–13:00, 14:00–18:00, Sat
// 09:00–12:00, Italian holidays, Christmas Eve 08:30–12:30), its web chat (extended: Mon–Fri
// 07:00–22:00, Sat 08:00–14:00, Christmas Eve 07:00–14:00) and the Premium line (24×7).
import { squash } from './portal-lib.mjs';

const ROME = 'Europe/Rome';
const SEL = {
  office: '#contact-service-desk > .status',
  chat: '#contact-service-desk .method-hours .status',
  always: '#contact-premium-line > .status',
};

// [what, visitor zone, instant, { status element: [status, detail] }]. Details are written out
// by hand: `closes 13:00`, `opens tomorrow 08:30`, then the calendar's zone, and for a visitor
// elsewhere the same moment in the visitor's zone.
const CASES = [
  ['weekday morning: open', ROME, '2026-11-24T09:00:00Z', {
    office: ['open', 'closes 13:00 (Italy Time)'], chat: ['open', 'closes 22:00 (Italy Time)'], always: ['open', ''] }],
  ['lunch break: office closed, chat open', ROME, '2026-11-24T12:30:00Z', {
    office: ['closed', 'opens today 14:00 (Italy Time)'], chat: ['open', 'closes 22:00 (Italy Time)'], always: ['open', ''] }],
  ['weekday evening', ROME, '2026-11-24T17:30:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time)'], chat: ['open', 'closes 22:00 (Italy Time)'] }],
  ['Saturday afternoon', ROME, '2026-11-28T14:00:00Z', {
    office: ['closed', 'opens Mon 08:30 (Italy Time)'], chat: ['closed', 'opens Mon 07:00 (Italy Time)'], always: ['open', ''] }],
  ['Sunday', ROME, '2026-11-29T10:00:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time)'], chat: ['closed', 'opens tomorrow 07:00 (Italy Time)'] }],
  ['holiday (St Ambrose, then Immaculate Conception): closed all day', ROME, '2026-12-07T09:00:00Z', {
    office: ['closed', 'opens Wed 08:30 (Italy Time)', 'St Ambrose, patron saint of Milan'], chat: ['open', 'closes 22:00 (Italy Time)'] }],
  ['Christmas Eve morning: reduced hours', ROME, '2026-12-24T10:00:00Z', {
    office: ['open', 'closes 12:30 (Italy Time)'], chat: ['open', 'closes 14:00 (Italy Time)'] }],
  ['Christmas Eve after the reduced hours', ROME, '2026-12-24T12:00:00Z', {
    office: ['closed', 'opens Mon 08:30 (Italy Time)', 'Christmas Eve', true], chat: ['open', 'closes 14:00 (Italy Time)'] }],
  ['Christmas Eve afternoon', ROME, '2026-12-24T13:30:00Z', {
    office: ['closed', 'opens Mon 08:30 (Italy Time)', 'Christmas Eve', true], chat: ['closed', 'opens Sat 08:00 (Italy Time)', 'Christmas Eve', true] }],
  // Summer time starts in Rome on Sun 29 Mar 2026 at 02:00 (→ 03:00, UTC+2); New York has been
  // on summer time (UTC−4) since 8 Mar.
  ['night of the spring DST change, before it (01:30 CET)', ROME, '2026-03-29T00:30:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time)'], chat: ['closed', 'opens tomorrow 07:00 (Italy Time)'] }],
  ['night of the spring DST change, after it (03:30 CEST)', ROME, '2026-03-29T01:30:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time)'] }],
  ['night of the spring DST change, visitor in New York', 'America/New_York', '2026-03-29T00:30:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time) · your time (Eastern Time): Mon 02:30'],
    chat: ['closed', 'opens tomorrow 07:00 (Italy Time) · your time (Eastern Time): Mon 01:00'] }],
  ['Saturday before the spring DST change, visitor in UTC', 'UTC', '2026-03-28T20:00:00Z', {
    office: ['closed', 'opens Mon 08:30 (Italy Time) · your time (UTC): Mon 06:30'],
    chat: ['closed', 'opens Mon 07:00 (Italy Time) · your time (UTC): Mon 05:00'] }],
  // Summer time ends in Rome on Sun 25 Oct 2026 at 03:00 (→ 02:00, UTC+1); New York stays on
  // summer time until 1 Nov.
  ['night of the autumn DST change, first 02:30 (CEST)', 'America/New_York', '2026-10-25T00:30:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time) · your time (Eastern Time): Mon 03:30'] }],
  ['night of the autumn DST change, second 02:30 (CET)', 'America/New_York', '2026-10-25T01:30:00Z', {
    office: ['closed', 'opens tomorrow 08:30 (Italy Time) · your time (Eastern Time): Mon 03:30'] }],
  ['Saturday night before the autumn DST change', ROME, '2026-10-24T20:30:00Z', {
    office: ['closed', 'opens Mon 08:30 (Italy Time)'], chat: ['closed', 'opens Mon 07:00 (Italy Time)'] }],
  ['visitor in New York on a weekday', 'America/New_York', '2026-11-24T09:00:00Z', {
    office: ['open', 'closes 13:00 (Italy Time) · your time (Eastern Time): Tue 07:00'],
    chat: ['open', 'closes 22:00 (Italy Time) · your time (Eastern Time): Tue 16:00'], always: ['open', ''] }],
  ['visitor in New York the evening before (Rome already Tuesday)', 'America/New_York', '2026-11-24T03:00:00Z', {
    office: ['closed', 'opens today 08:30 (Italy Time) · your time (Eastern Time): Tue 02:30'],
    chat: ['closed', 'opens today 07:00 (Italy Time) · your time (Eastern Time): Tue 01:00'] }],
  // The visitor's zone is named next to their time, here across their midnight.
  ['visitor in Tokyo on a weekday', 'Asia/Tokyo', '2026-11-24T09:00:00Z', {
    office: ['open', 'closes 13:00 (Italy Time) · your time (Japan Standard Time): Tue 21:00'],
    chat: ['open', 'closes 22:00 (Italy Time) · your time (Japan Standard Time): Wed 06:00'], always: ['open', ''] }],
];

export async function openNow({ url, checks, context, W }) {
  const zones = [...new Set(CASES.map((c) => c[1]))];
  for (const zone of zones) {
    const c = await context(`open now (visitor in ${zone})`, { timezoneId: zone });
    for (const [what, tz, at, want] of CASES.filter((x) => x[1] === zone)) {
      await checks.run(`open now: ${what} (${at}, visitor ${tz})`, async (p) => {
        const page = await c.page();
        await page.clock.setFixedTime(new Date(at));
        await page.goto(url('contact/'));
        for (const [key, [status, detail, holiday, reduced]] of Object.entries(want)) {
          const got = await page.$eval(SEL[key], (s) => ({
            status: s.getAttribute('data-status'),
            text: s.querySelector('.status-text').textContent,
            detail: s.querySelector('.status-detail').textContent,
          })).catch(() => null);
          if (!got) { p.push(`${key}: no status element ${SEL[key]}`); continue; }
          if (got.status !== status) p.push(`${key}: data-status="${got.status}", expected "${status}"`);
          // A holiday is named: "Closed today: St Ambrose…", "Closed now: Christmas Eve, reduced hours".
          const word = status === 'open' ? W.open_now
            : holiday ? W.fill(reduced ? 'closed_reduced' : 'closed_holiday', { holiday }) : W.closed_now;
          if (squash(got.text) !== word) p.push(`${key}: says ${JSON.stringify(got.text)}, expected ${JSON.stringify(word)}`);
          if (squash(got.detail) !== detail) p.push(`${key}: detail ${JSON.stringify(got.detail)}, expected ${JSON.stringify(detail)}`);
        }
        await page.close();
      });
    }
    await c.done();
  }

  // The status follows the clock while the page stays open.
  {
    const c = await context('open now (page left open)', { timezoneId: ROME });
    const page = await c.page();
    await checks.run('open now: a page left open closes at 13:00 by itself', async (p) => {
      await page.clock.install({ time: new Date('2026-11-24T11:58:30Z') });
      await page.goto(url('contact/'));
      const before = await page.getAttribute(SEL.office, 'data-status');
      await page.clock.runFor(150_000);
      const after = await page.$eval(SEL.office, (s) => [s.getAttribute('data-status'), s.querySelector('.status-detail').textContent]);
      if (before !== 'open') p.push(`at 12:58:30 data-status="${before}", expected "open"`);
      if (after[0] !== 'closed' || after[1] !== 'opens today 14:00 (Italy Time)') p.push(`at 13:01 shows ${JSON.stringify(after)}`);
    });
    await c.done();
  }

  // Every status element on the pages that have them gets a state; holidays already past are
  // hidden; the hours are in the HTML in words, for visitors without JavaScript.
  const c = await context('open now (all status elements)', { timezoneId: ROME });
  const page = await c.page();
  await page.clock.setFixedTime(new Date('2026-12-07T09:00:00Z'));
  for (const p of ['', 'contact/', 'plans/premium/', 'plans/essential/']) {
    await checks.run(`open now: every status element on /${p} is open or closed`, async (problems) => {
      await page.goto(url(p));
      const states = await page.$$eval('.status', (ss) => ss.map((s) => s.getAttribute('data-status')));
      if (!states.length) problems.push('no status element');
      states.forEach((s, i) => { if (s !== 'open' && s !== 'closed') problems.push(`status ${i + 1}: data-status="${s}"`); });
    });
  }
  for (const p of ['', 'contact/', 'plans/standard/', 'routing/?product=m365&issue=how-to&severity=C&plan=standard']) {
    await checks.run(`open now: every method with its own hours on /${p} shows its own status`, async (problems) => {
      await page.goto(url(p));
      if (p.startsWith('routing/')) await page.waitForSelector('#finder-answer p.small a');
      const methods = await page.$$eval('a[href*="/chat"]', (as) => as.map((a) => {
        const li = a.closest('li');
        const s = li && li.querySelector('.method-hours .status[data-calendar]');
        return { where: a.closest('[id]') ? a.closest('[id]').id : '?', hours: li && li.querySelector('.method-hours') ? li.querySelector('.method-hours').textContent : null,
          calendar: s && s.getAttribute('data-calendar'), status: s && s.getAttribute('data-status') };
      }));
      if (!methods.length) problems.push('no chat method on the page');
      for (const m of methods) {
        if (!m.hours || !m.hours.includes('07:00')) problems.push(`chat in #${m.where}: its own hours are not shown (${JSON.stringify(m.hours)})`);
        if (m.calendar !== 'extended') problems.push(`chat in #${m.where}: no status for its own calendar (got ${m.calendar})`);
        else if (m.status !== 'open') problems.push(`chat in #${m.where}: data-status="${m.status}" on a Monday morning, expected "open"`);
      }
    });
  }
  await checks.run('contact page on 7 Dec 2026 lists holidays from that day on', async (problems) => {
    await page.goto(url('contact/'));
    const rows = await page.$$eval('#calendar-milan-office tr[data-date]', (trs) => trs.map((tr) => [tr.getAttribute('data-date'), tr.hidden]));
    if (!rows.length) problems.push('no holiday rows');
    for (const [d, hidden] of rows) if (hidden !== d < '2026-12-07') problems.push(`${d} is ${hidden ? 'hidden' : 'shown'}`);
  });
  await c.done();
  const n = await context('hours without JavaScript', { javaScriptEnabled: false });
  const nojs = await n.page();
  await checks.run('contact page without JavaScript states the hours in words', async (problems) => {
    await nojs.goto(url('contact/'));
    const hours = squash(await nojs.textContent('#contact-service-desk .hours'));
    for (const part of ['08:30', '13:00', '14:00', '18:00', 'Italy Time']) if (!hours.includes(part)) problems.push(`hours ${JSON.stringify(hours)} lack ${part}`);
    const table = squash(await nojs.textContent('#calendar-milan-office'));
    if (!/Christmas Eve.*08:30.12:30/.test(table)) problems.push('Christmas Eve\'s reduced hours are not listed');
  });
  await n.done();
}
