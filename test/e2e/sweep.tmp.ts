import { mkdirSync } from 'node:fs';
import { launchChromium, signIn, startServer } from './browser.ts';

const out = '/tmp/x/sweep';
mkdirSync(out, { recursive: true });
const server = await startServer({ scenarioClock: true });
console.log('server', server.url);
const browser = await launchChromium();
const roles: Array<[string, boolean]> = [
  ['commander', false], ['deputy', false], ['gulou-officer', false], ['lab', false], ['guard', true], ['venue-operator', false], ['resident', true],
];
try {
  for (const [role, phone] of roles) {
    for (const lang of role === 'commander' || role === 'resident' || role === 'guard' ? ['zh-CN', 'en'] : ['zh-CN']) {
      const ctx = await browser.newContext({
        viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
        isMobile: phone, locale: 'zh-CN', reducedMotion: 'reduce',
      });
      const page = await ctx.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(server.url);
      await signIn(page, role);
      if (lang === 'en') {
        await page.evaluate(() => localStorage.setItem('banyan.lang', 'en'));
        await page.reload();
        await page.locator('#main-nav').waitFor({ state: 'attached' });
      }
      const links = await page.locator('#main-nav a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
      for (const h of links) {
        if (!h) continue;
        await page.evaluate((x) => { window.location.hash = x; }, h);
        await page.waitForTimeout(2500);
        const name = `${role}-${lang}-${h.replace(/[^a-z0-9]+/gi, '_')}`;
        const overflow = await page.evaluate(() => {
          const o: string[] = [];
          for (const el of Array.from(document.querySelectorAll('.table-wrap, table, td, th'))) {
            const e = el as HTMLElement;
            if (e.scrollWidth > e.clientWidth + 2 && (e.tagName === 'TD' || e.tagName === 'TH')) o.push(`${e.tagName}:${e.textContent?.slice(0, 30)}`);
          }
          return { doc: document.documentElement.scrollWidth - document.documentElement.clientWidth, cells: o.slice(0, 8) };
        });
        console.log(name, JSON.stringify(overflow));
        await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  if (process.argv[2] !== 'keep') await server.stop();
}
