/**
 * The lab's day in the browser: fresh tubes arrive (sampled through the API as a site's scanner
 * would), the lab types one in with an unknown one and reads the other's barcode label with the
 * camera, uploads a results file with a bad row (nothing recorded, the row named), then the clean
 * file: preview, confirm. On every database engine asked for.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { APIResponse } from 'playwright-core';
import { browserDatabases, browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';
import { code128Png, fakeCamera, showToCamera } from './camera.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const TUBE = 'TE2E-0001';
const LABELLED = 'TE2E-0002';
const UNKNOWN = 'TE2E-9999';

for (const database of browserDatabases()) {
  describe(`lab bench (${database})`, { timeout: 600_000 }, () => {
    const suite = browserSuite({ scenarioClock: true, database });

    it('receives tubes and uploads results with a row error, then clean', { timeout: 180_000 }, async (t) => {
      const page = await openPage(t, suite.browser, suite.server);
      if (!page || !suite.server) return;
      const url = suite.server.url;

      // A sampling site swabs one person into a new single tube two hours ago (business time).
      const staff = await page.context().browser()?.newContext();
      assert.ok(staff);
      t.after(() => staff.close());
      const login = await staff.request.post(`${url}/api/v1/sessions`, {
        data: { username: 'commander', password: 'banyan-demo' },
      });
      assert.equal(login.status(), 201);
      const now = Date.parse(((await (await staff.request.get(`${url}/api/v1/clock`)).json()) as { now: string }).now);
      const site = (
        (await (await staff.request.get(`${url}/api/v1/sampling-sites`)).json()) as {
          items: Array<{ code: string; districtCode: string }>;
        }
      ).items[0];
      assert.ok(site, 'the demo has sampling sites');
      const person = (
        (await (await staff.request.get(`${url}/api/v1/persons?district=${site.districtCode}`)).json()) as {
          items: Array<{ id: number }>;
        }
      ).items[0];
      assert.ok(person);
      const full = (await (
        await staff.request.get(`${url}/api/v1/persons/${person.id}/unmasked?reason=e2e%20lab%20sample`)
      ).json()) as { person: { idNumber: string } };
      const sampledAt = new Date(now - 2 * 3_600_000).toISOString();
      for (const tubeCode of [TUBE, LABELLED]) {
        const sampled: APIResponse = await staff.request.post(`${url}/api/v1/samples`, {
          data: { tubeCode, poolSize: 1, sampledAt, siteCode: site.code, idNumber: full.person.idNumber },
        });
        assert.equal(sampled.status(), 201, await sampled.text());
      }

      await fakeCamera(page);
      await page.reload();
      await signIn(page, 'lab');
      await goHash(page, '#/testing/lab');
      await page.locator('[data-testid=testing-tab-lab]').waitFor();

      // Receiving: the scanner types each code and Enter; a tube scanned twice is queued once.
      await page.locator('[data-testid=lab-code]').fill('FZ-LAB-1');
      const tube = page.locator('[data-testid=lab-tube-input]');
      for (const code of [TUBE, TUBE.toLowerCase(), UNKNOWN]) {
        await tube.fill(code);
        await tube.press('Enter');
      }
      assert.equal(await page.locator('[data-testid=lab-queue] li').count(), 2);
      // The camera reads a tube's 1-D label (Code 128) into the same queue; typing stays the fallback.
      await page.locator('[data-testid=lab-camera-toggle]').click();
      await page.locator('[data-testid=lab-scanner][data-state=scanning]').waitFor();
      await showToCamera(page, await code128Png(LABELLED), 'image/png');
      await page.locator('[data-testid=lab-queue] li', { hasText: LABELLED }).waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(screenshots, `journey-lab-camera-${database}.png`), fullPage: true });
      await page.locator('[data-testid=lab-camera-toggle]').click();
      assert.equal(await page.locator('[data-testid=lab-queue] li').count(), 3);
      await page.locator('[data-testid=lab-receive-submit]').click();
      await page.locator('[data-testid=lab-receipt]').waitFor();
      assert.equal(
        await page.locator(`[data-testid=lab-receipt-row][data-tube="${TUBE}"]`).getAttribute('data-status'),
        'received',
      );
      assert.equal(
        await page.locator(`[data-testid=lab-receipt-row][data-tube="${LABELLED}"]`).getAttribute('data-status'),
        'received',
        'the tube read by the camera is received',
      );
      assert.equal(
        await page.locator(`[data-testid=lab-receipt-row][data-tube="${UNKNOWN}"]`).getAttribute('data-status'),
        'error',
      );
      await page.screenshot({ path: join(screenshots, `journey-lab-received-${database}.png`), fullPage: true });

      // Results: a file with a bad row records nothing and names the row and column.
      const resultedAt = new Date(now - 600_000).toISOString();
      const header = 'tube_code,result,resulted_at,lab_code,ct_value,received_at';
      const good = `${TUBE},negative,${resultedAt},FZ-LAB-1,,`;
      const file = page.locator('[data-testid=lab-results-file]');
      await file.setInputFiles({
        name: 'results-bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, good, `${UNKNOWN},negative,${resultedAt},FZ-LAB-1,,`].join('\n')),
      });
      await page.locator('[data-testid=lab-results-preview]').click();
      const problems = page.locator('[data-testid=lab-results-invalid] [data-testid=import-problems] tbody tr');
      await problems.first().waitFor();
      assert.equal(await problems.count(), 1);
      assert.match((await problems.first().textContent()) ?? '', /^3tube_code/);
      assert.ok(await page.locator('[data-testid=lab-results-confirm]').isDisabled(), 'a bad file cannot be confirmed');
      await page.screenshot({ path: join(screenshots, `journey-lab-row-error-${database}.png`), fullPage: true });

      // The clean file: preview (nothing recorded yet), then confirm.
      await file.setInputFiles({
        name: 'results.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, good].join('\n')),
      });
      await page.locator('[data-testid=lab-results-preview]').click();
      await page.locator('[data-testid=lab-results-outcome][data-stage=preview]').waitFor();
      assert.equal(await page.locator('[data-testid=lab-results-recorded]').textContent(), '1');
      await page.screenshot({ path: join(screenshots, `journey-lab-preview-${database}.png`), fullPage: true });
      await page.locator('[data-testid=lab-results-confirm]').click();
      await page.locator('[data-testid=lab-results-outcome][data-stage=done]').waitFor();
      assert.equal(await page.locator('[data-testid=lab-results-recorded]').textContent(), '1');
      assert.ok(await page.locator('[data-testid=lab-results-confirm]').isDisabled(), 'confirmed once');
      await page.screenshot({ path: join(screenshots, `journey-lab-recorded-${database}.png`), fullPage: true });

      // The person's status now carries the negative.
      const status = (await (
        await staff.request.post(`${url}/api/v1/test-status/lookup`, { data: { idNumber: full.person.idNumber } })
      ).json()) as { lastNegativeSampledAt: string | null };
      assert.ok(
        status.lastNegativeSampledAt && Date.parse(status.lastNegativeSampledAt) >= Date.parse(sampledAt),
        `the new negative counts (${status.lastNegativeSampledAt})`,
      );
    });
  });
}
