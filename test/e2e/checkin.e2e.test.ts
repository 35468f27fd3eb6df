/**
 * A resident and a guard as phone users: the resident scans the venue poster with the camera (and
 * types its printed number as the fallback); the guard scans the resident's personal code from the
 * resident's screen. Cameras are fakes that film an image: the real poster SVG and a screenshot of
 * the resident's QR, so the page's own decoder reads real codes.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';
import { fakeCamera, showToCamera } from './camera.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

for (const database of browserDatabases()) {
  describe(`check-in with the camera (${database})`, { timeout: 600_000 }, () => {
    const suite = browserSuite({ database });

    it('the resident scans the poster, types its number, and the guard scans the resident', {
      timeout: 180_000,
    }, async (t) => {
      const resident = await openPage(t, suite.browser, suite.server, phone);
      if (!resident || !suite.server) return;
      const url = suite.server.url;

      // The poster on the market's door, as the venue screen prints it (commander's API session).
      const staff = await resident.context().browser()?.newContext();
      assert.ok(staff);
      t.after(() => staff.close());
      assert.equal(
        (
          await staff.request.post(`${url}/api/v1/sessions`, {
            data: { username: 'commander', password: 'banyan-demo' },
          })
        ).status(),
        201,
      );
      const now = ((await (await staff.request.get(`${url}/api/v1/clock`)).json()) as { now: string }).now;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now));
      const venues = (await (await staff.request.get(`${url}/api/v1/venues?date=${today}`)).json()) as {
        items: Array<{ code: string; name: string; category: string; status: string }>;
      };
      const markets = venues.items.filter((v) => v.category === 'mall-market' && v.status === 'open');
      const [market, other] = markets;
      assert.ok(market && other, 'the demo has two open markets');
      const poster = await staff.request.get(`${url}/api/v1/venues/${market.code}/poster.svg`);
      assert.equal(poster.status(), 200);

      await fakeCamera(resident);
      await resident.reload();
      await signIn(resident, 'resident');
      await goHash(resident, '#/pass');
      const colour = resident.locator('[data-testid=pass-colour]');
      await colour.waitFor();
      const expected = (await colour.getAttribute('data-colour')) === 'red' ? 'deny' : 'allow';
      await resident.locator('[data-testid=pass-qr]').waitFor();
      await resident.screenshot({ path: join(screenshots, `journey-resident-pass-${database}.png`), fullPage: true });

      // Scan: the camera opens and films the poster; the page reads it and checks in.
      await resident.locator('[data-testid=scan-venue]').click();
      await resident.locator('[data-testid=venue-scanner][data-state=scanning]').waitFor();
      await resident.screenshot({ path: join(screenshots, `journey-resident-camera-${database}.png`), fullPage: true });
      await showToCamera(resident, await poster.body(), 'image/svg+xml');
      const verdict = resident.locator('[data-testid=verdict]');
      await verdict.waitFor({ timeout: 20_000 });
      assert.equal(await verdict.getAttribute('data-verdict'), expected);
      assert.equal((await resident.locator('[data-testid=verdict-venue]').textContent())?.trim(), market.name);
      assert.equal(await resident.locator('[data-testid=venue-scanner]').count(), 0, 'the camera closes after a read');
      await resident.screenshot({
        path: join(screenshots, `journey-resident-scanned-${database}.png`),
        fullPage: true,
      });

      // Fallback: the number printed under the QR, typed in lower case with spaces, is looked up.
      await resident.locator('[data-testid=venue-code]').fill(` ${other.code.toLowerCase()} `);
      await resident.locator('[data-testid=check-in]').click();
      await resident.locator('[data-testid=verdict-venue]', { hasText: other.name }).waitFor();
      await resident.locator('[data-testid=venue-code]').fill('V350102-99999');
      await resident.locator('[data-testid=check-in]').click();
      await resident.getByRole('alert').filter({ hasText: 'V350102-99999' }).waitFor();
      await resident.screenshot({ path: join(screenshots, `journey-resident-typed-${database}.png`), fullPage: true });

      // The guard at their market scans the resident's screen.
      const guard = await openPage(t, suite.browser, suite.server, phone);
      if (!guard) return;
      await fakeCamera(guard);
      await guard.reload();
      await signIn(guard, 'guard');
      await goHash(guard, '#/guard');
      // the guard's own market (a venue operator sees only the venues tied to them)
      const select = guard.locator('[data-testid=guard-venue]');
      await select.waitFor();
      const own = await select.locator('option[data-category=mall-market]').first().getAttribute('value');
      assert.ok(own, 'the guard keeps a market');
      await select.selectOption(own);
      await guard.locator('[data-testid=guard-use-venue]').click();
      await guard.locator('[data-testid=guard-scan]').click();
      await guard.locator('[data-testid=guard-scanner][data-state=scanning]').waitFor();
      const shown = await resident.locator('[data-testid=pass-qr]').screenshot();
      await showToCamera(guard, shown, 'image/png');
      const guardVerdict = guard.locator('[data-testid=guard-verdict]');
      await guardVerdict.waitFor({ timeout: 20_000 });
      assert.equal(await guardVerdict.getAttribute('data-verdict'), expected);
      assert.equal(
        await guardVerdict.getAttribute('data-colour'),
        await colour.getAttribute('data-colour'),
        'the guard sees the colour the resident sees',
      );
      assert.match((await guard.locator('[data-testid=guard-counter]').textContent()) ?? '', /准入 1|拒绝 1/);
      assert.notEqual(
        await guard.evaluate(() => document.activeElement?.getAttribute('data-testid')),
        'guard-input',
        'the keyboard stays down while the camera is open',
      );
      await guard.screenshot({ path: join(screenshots, `journey-guard-scanned-${database}.png`), fullPage: true });
      for (const page of [resident, guard]) {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 1, `no sideways scroll on a phone (${overflow}px)`);
      }
    });
  });
}
