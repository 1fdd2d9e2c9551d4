import { launch } from './lib.mjs';
import { serve } from './static-server.mjs';
const [dir, ...paths] = process.argv.slice(2);
const { server, origin } = await serve(dir, 0);
const browser = await launch();
for (const p of paths) {
  for (const [w, h, tag] of [[360, 740, 'phone'], [1280, 900, 'desk']]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme, timezoneId: 'Europe/Rome' });
      const page = await ctx.newPage();
      await page.goto(`${origin}/${p}`);
      await page.waitForTimeout(300);
      const name = `/tmp/shots/${p.replace(/[\/?=&]/g, '_') || 'home'}-${tag}-${scheme}.png`;
      await page.screenshot({ path: name, fullPage: false });
      await ctx.close();
    }
  }
}
await browser.close(); server.close();
