/** The resident's pass on a phone: colour, certificate, rotating code, and a check-in at a venue. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

for (const database of browserDatabases()) {
  describe(`resident pass (${database})`, { timeout: 600_000 }, () => {
    const suite = browserSuite({ database });

    it('shows the pass on a phone and checks in at a market', { timeout: 120_000 }, async (t) => {
      const page = await openPage(t, suite.browser, suite.server, {
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      if (!page || !suite.server) return;
      // A guard's poster: the commander fetches the signed code of an open market (markets need no certificate).
      const login = await page.request.post(`${suite.server.url}/api/v1/sessions`, {
        data: { username: 'commander', password: 'banyan-demo' },
      });
      assert.equal(login.status(), 201);
      const venues = (await (await page.request.get(`${suite.server.url}/api/v1/venues?date=2022-11-09`)).json()) as {
        items: Array<{ code: string; category: string; status: string }>;
      };
      const market = venues.items.find((v) => v.category === 'mall-market' && v.status === 'open');
      assert.ok(market, 'the demo has an open market');
      const code = (
        (await (await page.request.get(`${suite.server.url}/api/v1/venues/${market.code}/code`)).json()) as {
          code: string;
        }
      ).code;
      await page.request.delete(`${suite.server.url}/api/v1/sessions/current`);
      await page.goto(suite.server.url);

      await signIn(page, 'resident');
      await goHash(page, '#/pass');
      const colour = page.locator('[data-testid=pass-colour]');
      await colour.waitFor();
      assert.ok(['green', 'yellow', 'red'].includes((await colour.getAttribute('data-colour')) ?? ''));
      assert.match((await page.locator('[data-testid=pass-code]').textContent()) ?? '', /^P1\./);
      // The demo resident came back from Shanghai that morning: the pass pops up the 2-tests-in-3-days notice.
      assert.match((await page.locator('[data-testid=pass-notice]').textContent()) ?? '', /上海市.*三天两检/);
      await page.locator('[data-testid=venue-code]').fill(code);
      await page.locator('[data-testid=check-in]').click();
      const verdict = page.locator('[data-testid=verdict]');
      await verdict.waitFor();
      const expected = (await colour.getAttribute('data-colour')) === 'red' ? 'deny' : 'allow';
      assert.equal(await verdict.getAttribute('data-verdict'), expected);
      await page.screenshot({ path: join(screenshots, `pass-phone-${database}.png`), fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 1, `no sideways scroll on a phone (${overflow}px)`);
    });
  });
}
