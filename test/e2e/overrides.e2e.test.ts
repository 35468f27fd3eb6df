/**
 * A manual colour end to end: the commander requests one for the demo resident (found by resident
 * ID), cannot approve their own request, the deputy approves it, the resident's pass shows it with
 * its reason; the commander revokes it and the pass returns to the rules. The demo's seeded
 * overrides fill every state's list.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
const REASON = '外省协查函通报的密接，协查数据未进入规则，浏览器测试先行赋红码';

for (const database of browserDatabases()) {
  describe(`manual colour override (${database})`, { timeout: 600_000 }, () => {
    const suite = browserSuite({ scenarioClock: true, database });

    it('commander requests, deputy approves, the resident sees it, then it is revoked', {
      timeout: 240_000,
    }, async (t) => {
      const commander = await openPage(t, suite.browser, suite.server);
      if (!commander || !suite.server) return;
      const url = suite.server.url;

      // The resident's person (their personal code names it), and their ID as the commander's register has it.
      const api = await commander.context().browser()?.newContext();
      assert.ok(api);
      t.after(() => api.close());
      const as = async (username: string) =>
        assert.equal(
          (await api.request.post(`${url}/api/v1/sessions`, { data: { username, password: 'banyan-demo' } })).status(),
          201,
        );
      await as('resident');
      const pass = (await (await api.request.get(`${url}/api/v1/pass`)).json()) as {
        personalCode: string;
        colour: string;
      };
      const personId = Number.parseInt(pass.personalCode.split('.')[1] ?? '', 36);
      assert.ok(personId > 0);
      await as('commander');
      const idNumber = (
        (await (await api.request.get(`${url}/api/v1/persons/${personId}/unmasked?reason=e2e`)).json()) as {
          person: { idNumber: string };
        }
      ).person.idNumber;

      await signIn(commander, 'commander');
      await goHash(commander, '#/overrides');
      // The demo holds overrides in every state.
      for (const state of ['approved', 'expired', 'rejected', 'revoked', 'pending']) {
        await commander.locator(`[data-testid=override-tab-${state}]`).click();
        await commander.locator(`[data-testid=override-row][data-status=${state}]`).first().waitFor();
      }
      await commander.screenshot({
        path: join(screenshots, `journey-overrides-seeded-${database}.png`),
        fullPage: true,
      });

      await commander.locator('[data-testid=override-id]').fill(idNumber);
      await commander.locator('[data-testid=override-find]').click();
      await commander.locator('[data-testid=override-person]').waitFor();
      await commander.locator('[data-testid=override-colour-red]').check();
      await commander.locator('[data-testid=override-hours]').selectOption('24');
      await commander.locator('[data-testid=override-reason]').fill(REASON);
      await commander.locator('[data-testid=override-submit]').click();
      await commander.locator('[data-testid=override-requested]').waitFor();
      const mine = commander.locator('[data-testid=override-row]', { hasText: REASON });
      await mine.waitFor();
      assert.equal(await mine.locator('[data-testid=override-approve]').count(), 0, 'no approving one’s own request');
      await mine.locator('[data-testid=override-own]').waitFor();
      await commander.screenshot({
        path: join(screenshots, `journey-overrides-requested-${database}.png`),
        fullPage: true,
      });
      // Still the rules' colour while pending.
      await as('resident');
      assert.equal(
        ((await (await api.request.get(`${url}/api/v1/pass`)).json()) as { colour: string }).colour,
        pass.colour,
      );

      const deputy = await openPage(t, suite.browser, suite.server);
      if (!deputy) return;
      await signIn(deputy, 'deputy');
      await goHash(deputy, '#/overrides');
      const theirs = deputy.locator('[data-testid=override-row]', { hasText: REASON });
      await theirs.locator('[data-testid=override-approve]').click();
      await theirs.waitFor({ state: 'detached' });
      await deputy.locator('[data-testid=override-tab-approved]').click();
      const approved = deputy.locator('[data-testid=override-row][data-status=approved]', { hasText: REASON });
      await approved.waitFor();
      assert.match((await approved.textContent()) ?? '', /deputy/);
      await deputy.screenshot({
        path: join(screenshots, `journey-overrides-approved-${database}.png`),
        fullPage: true,
      });

      const resident = await openPage(t, suite.browser, suite.server, phone);
      if (!resident) return;
      await signIn(resident, 'resident');
      await goHash(resident, '#/pass');
      const colour = resident.locator('[data-testid=pass-colour]');
      await colour.waitFor();
      assert.equal(await colour.getAttribute('data-colour'), 'red');
      assert.match((await colour.textContent()) ?? '', /人工赋码.*浏览器测试先行赋红码/);
      await resident.screenshot({
        path: join(screenshots, `journey-overrides-resident-${database}.png`),
        fullPage: true,
      });

      // The commander ends it early, with a reason; the pass is the rules' again.
      await commander.locator('[data-testid=override-tab-approved]').click();
      await commander
        .locator('[data-testid=override-row]', { hasText: REASON })
        .locator('[data-testid=override-revoke]')
        .click();
      await commander.locator('[data-testid=override-revoke-reason]').fill('协查数据已入库，由规则赋码');
      await commander.locator('[data-testid=override-revoke-submit]').click();
      await commander.locator('[data-testid=override-revoke-form]').waitFor({ state: 'detached' });
      await commander.locator('[data-testid=override-tab-revoked]').click();
      await commander.locator('[data-testid=override-row][data-status=revoked]', { hasText: REASON }).waitFor();
      await commander.screenshot({
        path: join(screenshots, `journey-overrides-revoked-${database}.png`),
        fullPage: true,
      });
      await resident.reload();
      await colour.waitFor();
      assert.equal(await colour.getAttribute('data-colour'), pass.colour);
    });
  });
}
