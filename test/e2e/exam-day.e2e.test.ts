/**
 * Exam day on the demo (business time 08:30 on 5 November 2022): the exam office's screen with the
 * supplies, the trip list, the room lists and their PDFs; the drivers' manifest on a phone; the
 * guard at a Gulou exam site checks a candidate by resident ID and sees the lane and the room.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { APIResponse } from 'playwright-core';
import { checkCharOf } from '../../src/people/people.rules.ts';
import { browserSuite, goHash, openPage, repoRoot, signIn } from './browser.ts';

const screenshots = join(repoRoot, 'test/e2e/screenshots');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
const desktop = { viewport: { width: 1440, height: 900 } };
const SITE = 'EX35010201';
const first17 = '35010219950505123';
const ID = first17 + checkCharOf(first17);

describe('exam day', { timeout: 600_000 }, () => {
  const suite = browserSuite({ scenarioClock: true });

  it('the exam office sees supplies, trips and room lists; drivers and the guard on phones', {
    timeout: 300_000,
  }, async (t) => {
    // Exam morning: set after the demo was seeded (its last residents are born later).
    await suite.server?.setClock('2022-11-05T08:30:00+08:00');
    const page = await openPage(t, suite.browser, suite.server, desktop);
    if (!page || !suite.server) return;
    const server = suite.server.url;
    await signIn(page, 'exam-office');
    await goHash(page, '#/events');
    await page.locator('[data-testid=exams]').waitFor();
    assert.match((await page.locator('[data-testid=clock-badge]').getAttribute('data-now')) ?? '', /^2022-11-05T00:/);
    const masks = page.locator('[data-testid=exam-masks]');
    await masks.waitFor();
    assert.match((await masks.textContent()) ?? '', /^[\d,]+$/);
    await page.locator('[data-testid=exam-trips] tbody tr').first().waitFor();
    await page.locator('[data-testid=exam-room-lists] .exam-room').first().waitFor();
    const reasons = (await page.locator('.exams-reasons').textContent()) ?? '';
    assert.match(reasons, /中风险区居民/, 'reason codes in words');
    assert.doesNotMatch(reasons, /medium-zone/);
    await page.screenshot({ path: join(screenshots, 'exam-day-office.png'), fullPage: true });
    for (const file of [`room-lists.pdf?site=${SITE}`, `seat-labels.pdf?site=${SITE}`, 'sessions/1/trips.pdf']) {
      const pdf: APIResponse = await page.request.get(`${server}/api/v1/events/ACEE-2022/${file}`);
      assert.equal(pdf.status(), 200, file);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-', file);
    }
    // A late registration at a Gulou site, so the guard has a candidate whose ID the test knows,
    // in the site's last ordinary room (the first ones also took the zones' residents, whom the plan
    // then moved out: their lists look empty while every seat is assigned).
    const lists = (await (
      await page.request.get(`${server}/api/v1/events/ACEE-2022/room-lists?site=${SITE}`)
    ).json()) as {
      rooms: Array<{ roomNo: string; isolation: boolean; seats: unknown[] }>;
    };
    const room = lists.rooms.filter((r) => !r.isolation).at(-1);
    assert.ok(room, 'the site has ordinary rooms');
    const sheet = [
      'candidate_no,id_number,name,phone,site_code,room_no,shuttle_requested,pickup_address',
      `2235019999901,${ID},林考生,,${SITE},${room.roomNo},否,`,
    ].join('\r\n');
    const added = await page.request.post(`${server}/api/v1/events/ACEE-2022/candidates`, {
      headers: { 'content-type': 'text/csv' },
      data: Buffer.from(`${sheet}\r\n`),
    });
    assert.ok(added.status() < 300, await added.text());

    const driver = await openPage(t, suite.browser, suite.server, phone);
    if (!driver) return;
    await signIn(driver, 'exam-office');
    await goHash(driver, '#/events?code=ACEE-2022&view=trips&session=1');
    await driver.locator('[data-testid=exam-driver] .exam-trip').first().waitFor();
    await driver.screenshot({ path: join(screenshots, 'exam-day-driver-phone.png'), fullPage: false });

    const guard = await openPage(t, suite.browser, suite.server, phone);
    if (!guard) return;
    await signIn(guard, 'guard');
    await goHash(guard, '#/guard');
    const select = guard.locator('[data-testid=guard-venue]');
    await select.waitFor();
    await guard.locator('[data-testid=guard-venue-filter]').fill(SITE);
    await select.selectOption(SITE);
    await guard.locator('[data-testid=guard-use-venue]').click();
    const input = guard.locator('[data-testid=guard-input]');
    await input.waitFor();
    await input.fill(ID);
    await input.press('Enter');
    const entry = guard.locator('[data-testid=guard-entry]');
    await entry.waitFor();
    assert.equal(await entry.getAttribute('data-lane'), 'regular');
    assert.match((await guard.locator('[data-testid=guard-room]').textContent()) ?? '', new RegExp(room.roomNo));
    assert.equal(await guard.locator('[data-testid=guard-verdict]').getAttribute('data-verdict'), 'allow');
    await guard.screenshot({ path: join(screenshots, 'exam-day-guard-phone.png'), fullPage: true });
  });
});
