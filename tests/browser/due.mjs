// When a first response is due, in the route finder, under fixed clocks and several visitor
// time zones:
//   node tests/browser/due.mjs SITE_DIR CASES_JSON [--port N]
// SITE_DIR is a `supportbook build` of tests/fixtures/due; CASES_JSON the table of cases worked
// out by hand that tests/due.rs checks through `route --at` (tests/fixtures/due/cases.json).
// Each case is opened in the finder at its instant, once per visitor zone, and `data-due` must
// be the instant `route --at` gives (the page stays loaded; each case sets the clock and
// submits the form again). The sentence is checked in words for a few cases.
// Prints one line per failure and `N passed, M failed`; exits non-zero on any failure.
import fs from 'node:fs';
import { launch, watchContext } from './lib.mjs';
import { serve } from './static-server.mjs';

const args = process.argv.slice(2);
const [siteDir, casesFile] = args;
if (!siteDir || !casesFile || !fs.existsSync(`${siteDir}/routing/index.html`)) {
  console.error('usage: node tests/browser/due.mjs SITE_DIR CASES_JSON [--port N]');
  process.exit(2);
}
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
const CASES = JSON.parse(fs.readFileSync(casesFile, 'utf8')).cases;
const ZONES = ['Europe/Rome', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

setTimeout(() => { console.log('FAIL due-time browser tests did not finish within 180 s'); process.exit(1); }, 180_000).unref();
const { server, origin } = await serve(siteDir, port);
const browser = await launch();
let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}: ${problems.join('; ')}`);
  } else {
    passed++;
  }
}

/// A page of the route finder, product and issue chosen.
async function finder(context) {
  const page = await context.newPage();
  await page.goto(`${origin}/routing/?product=app&issue=question`);
  return page;
}

/// The finder's answer for `c` with the clock at its instant: { due: data-due, text }. The
/// page stays loaded: the choices are made again and the form submitted (in one round trip).
async function ask(page, c) {
  await page.clock.setFixedTime(new Date(c.at));
  return page.evaluate(([plan, severity]) => new Promise((resolve, reject) => {
    const form = document.getElementById('finder');
    form.elements.plan.value = plan;
    form.elements.severity.value = severity;
    form.requestSubmit(); // empties the answer at once, then fills it
    const t0 = performance.now();
    const poll = () => {
      const p = document.querySelector('#finder-answer .finder-due[data-due]');
      if (p) resolve({ due: p.getAttribute('data-due'), text: p.textContent.replace(/\s+/g, ' ').trim() });
      else if (performance.now() - t0 > 10_000) reject(new Error('no answer within 10 s'));
      else setTimeout(poll, 5);
    };
    poll();
  }), [c.plan, c.severity]);
}

const contexts = [];
for (const zone of ZONES) {
  const context = await browser.newContext({ timezoneId: zone });
  const { problems: seen } = watchContext(context, origin);
  contexts.push(context);
  const page = await finder(context);
  for (const c of CASES) {
    const problems = [];
    try {
      const got = await ask(page, c);
      const want = c.due === null ? 'none' : c.due;
      if (got.due !== want) problems.push(`data-due ${JSON.stringify(got.due)}, expected ${JSON.stringify(want)} (route --at)`);
    } catch (e) {
      problems.push(String(e.message || e).split('\n')[0]);
    }
    report(`${c.what} (plan ${c.plan}, ${c.severity}, opened ${c.at}, visitor in ${zone})`, problems);
  }
  report(`no console errors or outside requests (visitor in ${zone})`, seen);
}

// The sentence, in the calendar's zone and the visitor's.
const WORDS = [
  // [visitor zone, case index by `what` prefix, expected text]
  ['Europe/Rome', 'holiday eve', 'If you open this case now, expect a first response by Mon 28 Dec, 09:30 (Italy Time).'],
  ['America/New_York', 'holiday eve', 'If you open this case now, expect a first response by Mon 28 Dec, 09:30 (Italy Time; your time 03:30).'],
  ['Asia/Tokyo', 'lunch break', 'If you open this case now, expect a first response by Mon 14 Dec, 14:30 (Italy Time; your time 22:30).'],
  ['America/New_York', 'exactly at midnight', 'If you open this case now, expect a first response by Tue 15 Dec, 00:00 (Italy Time; your time Mon 14 Dec, 18:00).'],
  ['Asia/Tokyo', 'New York office over the autumn', 'If you open this case now, expect a first response by Mon 2 Nov, 12:00 (New York Time; your time Tue 3 Nov, 02:00).'],
  ['UTC', 'not staffed', "The plan's hours are not staffed in the next 400 days, so no time for a first response can be given."],
];
for (const [zone, what, want] of WORDS) {
  const c = CASES.find((x) => x.what.includes(what));
  const context = await browser.newContext({ timezoneId: zone });
  contexts.push(context);
  const page = await finder(context);
  const problems = [];
  try {
    if (!c) throw new Error(`no case "${what}"`);
    const got = await ask(page, c);
    if (got.text !== want) problems.push(`text ${JSON.stringify(got.text)}, expected ${JSON.stringify(want)}`);
  } catch (e) {
    problems.push(String(e.message || e).split('\n')[0]);
  }
  report(`the due time in words: ${what} (visitor in ${zone})`, problems);
}

// A page left open: "now" moves on, and the due time with it.
{
  const context = await browser.newContext({ timezoneId: 'Europe/Rome' });
  contexts.push(context);
  const page = await context.newPage();
  const problems = [];
  await page.clock.install({ time: new Date('2026-12-14T16:58:00+01:00') });
  await page.clock.pauseAt(new Date('2026-12-14T16:59:00+01:00'));
  await page.goto(`${origin}/routing/?product=app&issue=question&severity=h1&plan=rome`);
  const sel = '#finder-answer .finder-due[data-due]';
  await page.waitForSelector(sel);
  const before = await page.getAttribute(sel, 'data-due');
  await page.clock.runFor(120_000);
  const after = await page.getAttribute(sel, 'data-due');
  if (before !== '2026-12-14T17:59:00+01:00') problems.push(`at 16:59 data-due ${before}`);
  // Opened at 17:01: 59 minutes until 18:00, the last minute on Tuesday at 08:31.
  if (after !== '2026-12-15T08:31:00+01:00') problems.push(`two minutes later data-due ${after}`);
  report('an open page moves its due time on with the clock', problems);
}

for (const c of contexts) await c.close();
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
