/** Appeals in a real browser: submit on the web and the phone-sized page, dispatch, reply, track. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { withCheckChar } from '../../src/appeals/appeals.rules.ts';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TIMEOUT = 120_000;

for (const database of browserDatabases()) {
  describe(`appeals (${database})`, { timeout: 600_000 }, () => {
    const suite = browserSuite({ database });

    async function fillForm(page: Page, f: { enterprise?: string; phone: string; title: string }) {
      if (f.enterprise) await page.locator('input[name=creditCode]').fill(f.enterprise);
      else await page.locator('input[type=radio]').nth(1).check();
      await page.locator('input[name=phone]').fill(f.phone);
      await page.locator('select[name=districtCode]').selectOption('350104');
      await page.locator('select[name=category]').selectOption('logistics');
      await page.locator('input[name=title]').fill(f.title);
      await page.locator('textarea[name=content]').fill('运输车辆在高速出口被劝返，请协调通行。');
      await page.locator('button[type=submit]').click();
      return ((await page.locator('[data-testid=tracking-no]').textContent()) ?? '').trim();
    }

    it('submits on the web and on the phone page, dispatches, replies, and shows the reply', {
      timeout: TIMEOUT,
    }, async (t) => {
      const web = await openPage(t, suite.browser, suite.server);
      if (!web) return;
      await goHash(web, '#/appeal');
      const webNo = await fillForm(web, { phone: '13912345678', title: '居民快递无法送达' });
      assert.match(webNo, /^SQ\d{8}[A-Z]{6}$/);

      const phone = await openPage(t, suite.browser, suite.server, {
        viewport: { width: 375, height: 700 },
        isMobile: true,
      });
      if (!phone) return;
      await goHash(phone, '#/m/letter');
      const mobileNo = await fillForm(phone, {
        enterprise: withCheckChar('91350104MA31XK7Q2'),
        phone: '13855552468',
        title: '原材料运输车辆通行证',
      });
      assert.match(mobileNo, /^SQ\d{8}[A-Z]{6}$/);
      await phone.screenshot({ path: join(screenshots, `appeals-mobile-${database}.png`) });

      const dispatcher = await openPage(t, suite.browser, suite.server);
      if (!dispatcher) return;
      await signIn(dispatcher, 'appeals');
      await goHash(dispatcher, '#/appeals');
      await dispatcher.locator(`input[aria-label="${mobileNo}"]`).check();
      await dispatcher.locator('[data-testid=dispatch-unit]').selectOption('industry');
      await dispatcher.locator('[data-testid=dispatch]').click();
      await dispatcher.locator(`input[aria-label="${mobileNo}"]`).waitFor({ state: 'detached' });

      const unit = await openPage(t, suite.browser, suite.server);
      if (!unit) return;
      await signIn(unit, 'industry-bureau');
      await goHash(unit, '#/appeals/inbox');
      await unit.locator('a', { hasText: mobileNo }).click();
      await unit.locator('[data-testid=sign]').click();
      await unit.locator('[data-testid=appeal-status]', { hasText: '办理中' }).waitFor();
      await unit.locator('[data-testid=appeal-text]').fill('已为贵司办理重点物资运输车辆通行证。');
      await unit.locator('[data-testid=reply]').click();
      await unit.locator('[data-testid=appeal-status]', { hasText: '已答复' }).waitFor();

      await goHash(phone, '#/track');
      await phone.locator('input[name=trackingNo]').fill(mobileNo);
      await phone.locator('input[name=last4]').fill('2468');
      await phone.locator('button[type=submit]').click();
      const reply = (await phone.locator('[data-testid=track-reply]').textContent()) ?? '';
      assert.match(reply, /已为贵司办理重点物资运输车辆通行证/);
      // the wrong digits reveal nothing
      await phone.locator('input[name=last4]').fill('2469');
      await phone.locator('button[type=submit]').click();
      await phone.locator('[data-testid=track-result]').waitFor({ state: 'detached' });
      await phone.screenshot({ path: join(screenshots, `appeals-track-${database}.png`) });
    });
  });
}
