import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textLine } from './log-text.ts';

const line = (o: object) =>
  JSON.stringify({ level: 30, time: Date.UTC(2026, 11, 7, 13, 0, 17), pid: 1, hostname: 'vm', ...o });

test('request lines are left out on a terminal, unless the answer was a server error', () => {
  assert.equal(
    textLine(line({ reqId: 'req-1', req: { method: 'GET', url: '/api/v1/pass' }, msg: 'incoming request' })),
    null,
  );
  assert.equal(textLine(line({ reqId: 'req-1', res: { statusCode: 200 }, msg: 'request completed' })), null);
  assert.equal(
    textLine(
      line({ reqId: 'req-2', req: { method: 'GET', url: '/api/v1/pass' }, res: { statusCode: 200 }, msg: 'answered' }),
    ),
    null,
  );
  assert.match(
    textLine(
      line({ level: 30, req: { method: 'GET', url: '/x' }, res: { statusCode: 503 }, msg: 'request completed' }),
    ) ?? '',
    /^13:00:17 info {2}request completed GET \/x → 503$/,
  );
});

test('a job summary reads as one short line', () => {
  const text = textLine(
    line({ job: 'appeals-escalation', day: '2022-11-11', summary: { escalated: 121 }, msg: 'job done' }),
  );
  assert.equal(text, '13:00:17 info  job done  job=appeals-escalation day=2022-11-11 summary={"escalated":121}');
  const long = textLine(line({ msg: 'job done', summary: { zones: Array.from({ length: 99 }, (_, i) => `Z${i}`) } }));
  assert.ok((long ?? '').length < 220 && (long ?? '').endsWith('…'));
});
