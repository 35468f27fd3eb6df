/**
 * The browser on the server's business clock (issue 20): the demo runs in November 2022 while the
 * browser's clock says today. The resident's pass asks for its code once a minute, not 96 times a
 * second, shows no notice before it is in effect, and the guard's 24-hour chip agrees with the
 * verdict and the resident's pass. On every database engine asked for.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Request } from 'playwright-core';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
const CODE_PERIOD_MS = 60_000;
// A little over one period, so that the count covers a refresh.
const WATCH_MS = 65_000;

// The demo resident (at the browser tests' scale) was last sampled negative at 07:00 on 10 November:
// at 18:00 that day the certificate holds, while by the browser's clock (years later) it would not.
const BUSINESS_START = '2022-11-10T18:00:00+08:00';

const engines = browserDatabases();
for (const database of engines) {
  describe(`the web on the business clock (${database})`, { timeout: 600_000 }, () => {
    process.env.BANYAN_NOW = BUSINESS_START;
    const suite = browserSuite({ scenarioClock: true, database });
    // The request count is the page's own doing, whatever the database: watched once, on the first engine.
    const watch = database === engines[0];

    it('pass: one request per code period, no notice before it is in effect; guard: the 24-hour chip as the pass says', {
      timeout: 240_000,
    }, async (t) => {
      const resident = await openPage(t, suite.browser, suite.server, phone);
      if (!resident || !suite.server) return;
      const server = suite.server.url;
      const passRequests: number[] = [];
      resident.on('request', (r: Request) => {
        if (new URL(r.url()).pathname === '/api/v1/pass') passRequests.push(Date.now());
      });
      await signIn(resident, 'resident');
      // The top bar's badge shows the scenario's business time, not the browser's.
      const badge = resident.locator('[data-testid=clock-badge]');
      await badge.waitFor();
      const badgeNow = Date.parse((await badge.getAttribute('data-now')) ?? '');
      const serverNow = Date.parse(((await (await fetch(`${server}/api/v1/clock`)).json()) as { now: string }).now);
      assert.ok(
        Math.abs(badgeNow - serverNow) < 5_000,
        `the badge is on the server's clock (${badgeNow} vs ${serverNow})`,
      );
      assert.match((await badge.textContent()) ?? '', /2022/);

      await goHash(resident, '#/pass');
      await resident.locator('[data-testid=pass-colour]').waitFor();
      const watchFrom = Date.now();
      const firstCode = ((await resident.locator('[data-testid=pass-code]').textContent()) ?? '').trim();
      const cert = resident.locator('[data-testid=pass-cert]');
      const passSaysNegative24 = ((await cert.getAttribute('class')) ?? '').includes('ok');
      assert.ok(passSaysNegative24, 'the demo resident was sampled within 24 h by the business clock');
      const countdown = (await resident.locator('[data-testid=pass-refresh]').textContent()) ?? '';
      const seconds = Number(/(\d+)/.exec(countdown)?.[1]);
      assert.ok(seconds > 0 && seconds <= 60, `the countdown runs on the server's clock: "${countdown}"`);
      // The demo resident arrives from Shanghai at 07:40 on 11-11: on the evening before, the pass
      // pops up no arrival notice (it did, reading the record ahead of the business clock).
      assert.equal(await resident.locator('[data-testid=pass-notice]').count(), 0, 'no notice before the arrival');
      await resident.screenshot({ path: join(screenshots, `clock-pass-phone-${database}.png`), fullPage: true });

      // Meanwhile the guard checks that resident at a market on another phone.
      const guard = await openPage(t, suite.browser, suite.server, phone);
      if (!guard) return;
      await signIn(guard, 'guard');
      await goHash(guard, '#/guard');
      const select = guard.locator('[data-testid=guard-venue]');
      await select.waitFor();
      const market = await select.locator('option[data-category=mall-market]').first().getAttribute('value');
      assert.ok(market, 'the demo has an open market');
      await select.selectOption(market);
      await guard.locator('[data-testid=guard-use-venue]').click();
      const input = guard.locator('[data-testid=guard-input]');
      await input.fill(((await resident.locator('[data-testid=pass-code]').textContent()) ?? '').trim());
      await input.press('Enter');
      const verdict = guard.locator('[data-testid=guard-verdict]');
      await verdict.waitFor();
      await guard.screenshot({ path: join(screenshots, `clock-guard-phone-${database}.png`), fullPage: true });
      // The verdict follows the colour (the resident is on a trace list: yellow); the certificate chip
      // says what the pass says, and no reason of the verdict is a missing certificate.
      const expected = (await resident.locator('[data-testid=pass-colour]').getAttribute('data-colour')) === 'green';
      assert.equal(await verdict.getAttribute('data-verdict'), expected ? 'allow' : 'deny');
      const chip = guard.locator('[data-testid=guard-negative24]');
      assert.equal(await chip.getAttribute('data-ok'), 'true', 'the chip agrees with the pass: negative within 24 h');
      assert.match((await chip.textContent()) ?? '', /24小时内阴性/);
      assert.doesNotMatch((await verdict.textContent()) ?? '', /无24小时内/);

      if (!watch) return;
      // Watch the pass a little over one period: the code renews once, with one request.
      const left = WATCH_MS - (Date.now() - watchFrom);
      if (left > 0) await resident.waitForTimeout(left);
      const watched = passRequests.filter((at) => at >= watchFrom);
      const periods = Math.ceil((Date.now() - watchFrom) / CODE_PERIOD_MS);
      t.diagnostic(`${watched.length} /api/v1/pass requests in ${((Date.now() - watchFrom) / 1000).toFixed(0)} s`);
      assert.ok(watched.length >= 1, 'the pass renewed its code');
      assert.ok(watched.length <= periods, `at most one request per period: ${watched.length} in ${periods} periods`);
      const secondCode = ((await resident.locator('[data-testid=pass-code]').textContent()) ?? '').trim();
      assert.notEqual(secondCode, firstCode, 'the personal code renewed');
    });
  });
}
