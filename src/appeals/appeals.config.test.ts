import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appealsSettings, DEMO_HOTLINE } from './appeals.config.ts';

test('the hotline and channel names are configuration: demo defaults, overridden or hidden by the environment', () => {
  const demo = appealsSettings({});
  assert.equal(demo.hotline, DEMO_HOTLINE);
  assert.equal(demo.hotline, '0591-968871');
  assert.equal(demo.channels.web['zh-CN'], '政企直通车「抗疫通道」');
  assert.equal(demo.channels.mobile['zh-CN'], '福州工信「一键写信」');
  const set = appealsSettings({
    BANYAN_APPEALS_HOTLINE: ' 0591-12345 ',
    BANYAN_APPEALS_WEB_NAME: '诉求直通车',
    BANYAN_APPEALS_MOBILE_NAME: '',
  });
  assert.equal(set.hotline, '0591-12345');
  assert.deepEqual(set.channels.web, { 'zh-CN': '诉求直通车', en: '诉求直通车' });
  assert.equal(set.channels.mobile['zh-CN'], '福州工信「一键写信」', 'an empty name keeps the default');
  assert.equal(appealsSettings({ BANYAN_APPEALS_HOTLINE: '' }).hotline, null, 'an empty number hides the line');
});
