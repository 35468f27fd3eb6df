/** The courier screen on the demo: the regulator's figures and tabs, the 24 h hold's refusal, an outlet manager's own outlet. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');

describe('courier sector', { timeout: 600_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('shows the regulator the briefing’s figures, the worker check and the batches on hold', {
    timeout: 120_000,
  }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 1440, height: 900 } });
    if (!page || !suite.server) return;
    await signIn(page, 'postal-regulator');
    await goHash(page, '#/courier');
    const kpis = page.locator('[data-testid=courier-kpis]');
    await kpis.waitFor();
    const text = (await kpis.textContent()) ?? '';
    assert.match(text, /正常营业网点2,325/, 'today: a dozen closed in zones sealed on 11-09');
    assert.match(text, /检查人次\d/);
    await page.locator('[data-testid=courier-outlets] tbody tr').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'courier.png'), fullPage: true });
    await goHash(page, '#/courier?tab=inspections&since=2022-10-24&to=2022-11-06');
    const tallies = page.locator('[data-testid=courier-tallies]');
    await tallies.waitFor();
    assert.match((await tallies.textContent()) ?? '', /检查人次 435.*检查网点 125.*现场整改 10.*约谈企业 4/);
    await goHash(page, '#/courier?tab=relief&to=2022-11-06');
    const relief = page.locator('[data-testid=courier-relief]');
    await relief.waitFor();
    assert.match((await relief.textContent()) ?? '', /车次 2,408.*人次 3,165.*吨 9,582/);
    await goHash(page, '#/courier?tab=batches');
    const held = page.locator('[data-testid=courier-batches] tbody tr', { hasText: '静置中' });
    await held.first().waitFor();
    await held.first().locator('button').click();
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /须满 24 小时/);
    // A batch registered and disinfected through the forms is held, and its refusal names when it may go.
    await page.locator('[data-testid=courier-open-batch]').click();
    const batch = page.locator('[data-testid=courier-batch-form]');
    await batch.locator('[name=batchNo]').fill('INT-E2E-KR');
    await batch.locator('[name=origin]').fill('KR');
    await batch.locator('[name=parcels]').fill('640');
    await batch.locator('[data-testid=courier-batch-submit]').click();
    await page.locator('[data-testid=courier-saved]').waitFor();
    await page.locator('[data-testid=courier-open-disinfection]').click();
    const dis = page.locator('[data-testid=courier-disinfection-form]');
    await dis.locator('[name=kind]').selectOption('batch');
    await dis.locator('[name=subject]').fill('INT-E2E-KR');
    await dis.locator('[data-testid=courier-disinfection-submit]').click();
    await dis.waitFor({ state: 'detached' });
    const mine = page.locator('[data-testid=courier-batches] tbody tr', { hasText: 'INT-E2E-KR' });
    await mine.locator('button').click();
    const refused = page.locator('[data-testid=release-refused]');
    await refused.waitFor();
    assert.match(
      (await refused.textContent()) ?? '',
      /INT-E2E-KR.*须满 24 小时.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}.*后方可放行/,
    );
    await page.screenshot({ path: join(screenshots, 'courier-batches.png'), fullPage: true });
    // An inspection rectified on the spot and a summons move the tallies; a relief trip the totals.
    await goHash(page, '#/courier?tab=inspections');
    await page.locator('[data-testid=courier-tallies]').waitFor();
    const before = (await page.locator('[data-testid=courier-tallies]').textContent()) ?? '';
    await page.locator('[data-testid=courier-open-inspection]').click();
    const visit = page.locator('[data-testid=courier-inspection-form]');
    const outlet = (await (
      await page.request.get(`${suite.server.url}/api/v1/courier/outlets?status=open`)
    ).json()) as {
      items: Array<{ code: string }>;
    };
    await visit.locator('[name=outlet]').fill(outlet.items[0]?.code ?? '');
    await visit.locator('[name=inspectors]').fill('3');
    await visit.locator('[name=findings]').fill('消杀记录不全');
    await visit.locator('[name=rectified]').check();
    await visit.locator('[data-testid=courier-inspection-submit]').click();
    await visit.waitFor({ state: 'detached' });
    await page.locator('[data-testid=courier-open-summons]').click();
    const summons = page.locator('[data-testid=courier-summons-form]');
    await summons.locator('[name=firm]').selectOption('SF');
    await summons.locator('[name=reason]').fill('未落实从业人员每日核酸检测');
    await summons.locator('[data-testid=courier-summons-submit]').click();
    await summons.waitFor({ state: 'detached' });
    await page.locator('[data-testid=courier-tallies]').waitFor();
    const after = (await page.locator('[data-testid=courier-tallies]').textContent()) ?? '';
    assert.notEqual(after, before);
    await page.screenshot({ path: join(screenshots, 'courier-inspections.png'), fullPage: true });
    await goHash(page, '#/courier?tab=relief');
    await page.locator('[data-testid=courier-open-relief]').click();
    const trip = page.locator('[data-testid=courier-relief-form]');
    for (const [name, v] of [
      ['plate', '闽A9E2E0'],
      ['driver', '王师傅'],
      ['origin', '福州南物流园'],
      ['destination', '350102'],
      ['tonnes', '4.5'],
      ['persons', '2'],
    ])
      await trip.locator(`[name=${name}]`).fill(v as string);
    await trip.locator('[data-testid=courier-relief-submit]').click();
    await trip.waitFor({ state: 'detached' });
    await page.locator('[data-testid=courier-saved]').waitFor();
    // A delivery point for a sealed zone, picked from the zones sealed at the server's business time:
    // the same zones the command centre lists as active that day (the rows alone say lifted: the demo
    // records the lifts of 11-12 to 11-15 too).
    const centre = await openPage(t, suite.browser, suite.server);
    if (!centre) return;
    await signIn(centre, 'commander');
    const active = (await (
      await centre.request.get(`${suite.server.url}/api/v1/zones?status=active&date=2022-11-11&pageSize=1000`)
    ).json()) as { items: Array<{ code: string; level: string }> };
    const picker = (await (
      await page.request.get(`${suite.server.url}/api/v1/courier/delivery-points/zones?limit=200`)
    ).json()) as { sealed: number; items: Array<{ code: string }> };
    const sealed = active.items.filter((z) => z.level !== 'low').map((z) => z.code);
    assert.ok(sealed.length > 0, 'the demo has sealed zones on 11-11');
    assert.deepEqual(picker.items.map((z) => z.code).sort(), sealed.sort());
    await goHash(page, '#/courier?tab=volumes');
    await page.locator('[data-testid=courier-open-point]').click();
    const pointForm = page.locator('[data-testid=courier-point-form]');
    const options = pointForm.locator('[data-testid^=zone-option-]');
    await options.first().waitFor();
    assert.match(
      (await pointForm.locator('[data-testid=zone-picker-count]').textContent()) ?? '',
      new RegExp(`共 ${picker.sealed} 个封控中`),
    );
    await page.screenshot({ path: join(screenshots, 'courier-zone-picker.png'), fullPage: true });
    const zone = sealed.at(-1) as string;
    await pointForm.locator('[data-testid=zone-picker-search]').fill(zone.slice(-6));
    await pointForm.locator('[data-testid^=zone-option-]').nth(1).waitFor({ state: 'detached' });
    await pointForm.locator(`[data-testid=zone-option-${zone}]`).click();
    assert.equal(await pointForm.locator(`[data-testid=zone-option-${zone}]`).getAttribute('aria-pressed'), 'true');
    await pointForm.locator('[name=name]').fill('E2E 智能快件箱');
    await page.screenshot({ path: join(screenshots, 'courier-zone-picked.png'), fullPage: true });
    await pointForm.locator('[data-testid=courier-point-submit]').click();
    await pointForm.waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: 'E2E 智能快件箱' }).filter({ hasText: zone }).waitFor();
    const deliver = page.locator('tr', { hasText: 'E2E 智能快件箱' }).locator('[data-testid^=point-deliveries-]');
    await deliver.click();
    const parcels = page.locator('[data-testid=courier-deliveries-form]');
    await parcels.locator('[name=parcels]').fill('321');
    await parcels.locator('[data-testid=courier-deliveries-submit]').click();
    await parcels.waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: 'E2E 智能快件箱' }).filter({ hasText: '321' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'courier-volumes.png'), fullPage: true });
    await goHash(page, '#/courier?tab=check');
    await page.locator('[data-testid=courier-check]').waitFor();
    await page.screenshot({ path: join(screenshots, 'courier-check.png'), fullPage: true });
  });

  it('shows an outlet manager their own outlet and its workers, masked', { timeout: 120_000 }, async (t) => {
    const page = await openPage(t, suite.browser, suite.server, { viewport: { width: 390, height: 844 } });
    if (!page || !suite.server) return;
    await signIn(page, 'outlet-manager');
    await goHash(page, '#/courier');
    await page.locator('[data-testid=my-outlet]').waitFor();
    const rows = page.locator('[data-testid=my-workers] tbody tr');
    await rows.first().waitFor();
    const table = (await page.locator('[data-testid=my-workers]').textContent()) ?? '';
    assert.ok(!table.match(/\d{17}[\dX]/), 'IDs masked');
    const outlets = (await (await page.request.get(`${suite.server.url}/api/v1/courier/outlets`)).json()) as {
      items: unknown[];
    };
    assert.equal(outlets.items.length, 1);
    // The manager records a vehicle's disinfection; it is listed as their outlet's.
    await page.locator('[data-testid=courier-open-disinfection]').click();
    const dis = page.locator('[data-testid=courier-disinfection-form]');
    assert.deepEqual(await dis.locator('[name=kind] option').allTextContents(), ['网点场所', '车辆']);
    await dis.locator('[name=kind]').selectOption('vehicle');
    await dis.locator('[name=subject]').fill('闽A7E2E1');
    await dis.locator('[data-testid=courier-disinfection-submit]').click();
    await page.locator('[data-testid=my-disinfections] li', { hasText: '闽A7E2E1' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'courier-outlet-manager.png'), fullPage: true });
    // The manager places a locker in a zone sealed in their outlet's district, and only there.
    const mine = (await (
      await page.request.get(`${suite.server.url}/api/v1/courier/delivery-points/zones?limit=200`)
    ).json()) as { areas: string[]; items: Array<{ code: string; districtCode: string }> };
    assert.deepEqual(mine.areas, ['350102']);
    assert.ok(mine.items.length > 0, 'Gulou has sealed zones on 11-11');
    assert.ok(mine.items.every((z) => z.districtCode === '350102'));
    await page.locator('[data-testid=courier-points] [data-testid=courier-open-point]').click();
    const form = page.locator('[data-testid=courier-point-form]');
    const first = form.locator('[data-testid^=zone-option-]').first();
    await first.waitFor();
    assert.equal(await form.locator('[data-testid^=zone-option-]').count(), Math.min(50, mine.items.length));
    await first.click();
    await form.locator('[name=name]').fill('E2E 网点快件箱');
    await page.screenshot({ path: join(screenshots, 'courier-outlet-manager-point.png'), fullPage: true });
    await form.locator('[data-testid=courier-point-submit]').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid=courier-points] tr', { hasText: 'E2E 网点快件箱' }).waitFor();
  });
});
