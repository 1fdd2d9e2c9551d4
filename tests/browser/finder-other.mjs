// A method without an address to open (type `other`) in the route finder (issue 21.17):
//   node tests/browser/finder-other.mjs SITE_DIR TEXT [--port N]
// SITE_DIR is a build of content-example whose Service Desk has an `other` method saying TEXT.
// The finder's answer for a case the Service Desk answers first must show it, as text.
// Prints one line per failure and `N passed, M failed`; exits non-zero on any failure.
import { launch } from './lib.mjs';
import { serve } from './static-server.mjs';

const args = process.argv.slice(2);
const [siteDir, text] = args;
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
setTimeout(() => { console.log('FAIL finder-other did not finish within 120 s'); process.exit(1); }, 120_000).unref();
const { server, origin } = await serve(siteDir, port);
const browser = await launch();
let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/routing/?product=azure&issue=outage&severity=A&plan=essential`);
  const shown = await page.waitForSelector('#finder-answer .method-other', { timeout: 15_000 })
    .then((e) => e.evaluate((n) => ({ tag: n.tagName, text: n.textContent.replace(/\s+/g, ' ').trim() })))
    .catch(() => null);
  const problems = [];
  if (!shown) problems.push('no `other` method in the answer');
  else {
    if (!shown.text.includes(text)) problems.push(`it says ${JSON.stringify(shown.text)}`);
    if (shown.tag === 'A') problems.push('it is a link, with nowhere to go');
  }
  if (problems.length) { failed++; console.log(`FAIL finder shows methods of type other: ${problems.join('; ')}`); } else passed++;
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
