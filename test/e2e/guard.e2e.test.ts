/** The guard's entrance check on a phone: pick a market, check a resident's personal code, then a bad resident ID. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true };

// The guard's day runs on every database engine asked for: the embedded file and PostgreSQL.
for (const database of browserDatabases()) {
  describe(`guard entrance check (${database})`, { timeout: 600_000 }, () => {
    const suite = browserSuite({ database });

    it('checks a resident at a market on a phone', { timeout: 120_000 }, async (t) => {
      const page = await openPage(t, suite.browser, suite.server, phone);
      if (!page) return;
      await signIn(page, 'guard');
      await goHash(page, '#/guard');

      // Pick an open market once (markets need no certificate).
      const select = page.locator('[data-testid=guard-venue]');
      await select.waitFor();
      const market = await select.locator('option[data-category=mall-market]').first().getAttribute('value');
      assert.ok(market, 'the demo has an open market');
      await select.selectOption(market);
      await page.locator('[data-testid=guard-use-venue]').click();
      const input = page.locator('[data-testid=guard-input]');
      await input.waitFor();
      assert.equal(
        await page.evaluate(() => JSON.parse(localStorage.getItem('banyan.guard.venue') ?? '{}').code),
        market,
        'the venue is remembered on the device',
      );

      // The resident shows the pass on another phone.
      const resident = await openPage(t, suite.browser, suite.server, phone);
      if (!resident) return;
      await signIn(resident, 'resident');
      await goHash(resident, '#/pass');
      const colour = resident.locator('[data-testid=pass-colour]');
      await colour.waitFor();
      const personalCode = ((await resident.locator('[data-testid=pass-code]').textContent()) ?? '').trim();
      assert.match(personalCode, /^P1\./);
      const expected = (await colour.getAttribute('data-colour')) === 'red' ? 'deny' : 'allow';

      await input.fill(personalCode);
      await input.press('Enter');
      const verdict = page.locator('[data-testid=guard-verdict]');
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-verdict'), expected);
      assert.equal(await input.inputValue(), '', 'the input clears for the next person');
      await page.screenshot({ path: join(screenshots, `guard-phone-verdict-${database}.png`), fullPage: true });
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'guard-input');
      assert.match(
        (await page.locator('[data-testid=guard-counter]').textContent()) ?? '',
        expected === 'allow' ? /准入 1/ : /拒绝 1/,
      );

      // A resident ID with a wrong check digit: the server's message, in the UI language.
      await input.fill('350102198506121230');
      await input.press('Enter');
      const error = page.locator('[data-testid=guard-error]');
      await error.waitFor();
      const message = ((await error.textContent()) ?? '').trim();
      assert.ok(message.length > 0, 'an error message is shown');
      assert.ok(!message.includes('无法识别'), `the suite.server answered, not the local check (${message})`);
      assert.equal(await verdict.count(), 0, 'the previous verdict is replaced');
      assert.equal(await input.inputValue(), '');

      await page.screenshot({ path: join(screenshots, `guard-phone-${database}.png`), fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 1, `no sideways scroll on a phone (${overflow}px)`);
    });
  });
}
