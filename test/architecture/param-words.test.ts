/** The measures screen names a policy parameter in words: every key of the policy's parameters has them in both languages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { PolicyParams } from '../../src/policy/policy.schema.ts';

// The web app's modules are loaded by URL: they are type-checked by web/tsconfig.json, not this project's.
const web = (path: string) => import(new URL(`../../web/src/${path}`, import.meta.url).href);
const { en } = (await web('i18n/en/index.ts')) as { en: Record<string, string> };
const { zhCN } = (await web('i18n/zh-CN/index.ts')) as { zhCN: Record<string, string> };
type Label = (group: string, value: string) => string;
const { paramWords } = (await web('measures/paramWords.ts')) as {
  paramWords: (label: Label, ref: string) => string;
};

/** Every object key anywhere in a zod schema (optional, nullable and array wrappers looked through). */
function keysOf(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object')
    for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      out.add(k);
      keysOf(v, out);
    }
  for (const inner of ['innerType', 'element'] as const) if (def[inner]) keysOf(def[inner] as z.ZodType, out);
  return out;
}

// A path left as it was: camelCase or dotted.
const RAW = /\b[a-z]+[A-Z]|\w\.\w/;

describe('policy parameters in words', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    // The app's labelOf without its language store (which needs a document): the value itself when unknown.
    const dict = (lang === 'en' ? en : zhCN) as Record<string, string | undefined>;
    const label: Label = (group, value) => dict[`${group}.${value}`] ?? value;
    it(`names every parameter path segment (${lang})`, () => {
      const keys = [...keysOf(PolicyParams)];
      assert.ok(keys.includes('certificateHours') && keys.includes('workerTestHours'), 'the walk reaches the leaves');
      const raw = keys.filter(
        (k) => dict[`measures.param.${k}`] === undefined && dict[`venues.category.${k}`] === undefined,
      );
      assert.deepEqual(raw, [], 'segments without words');
    });
    it(`puts the demo's enforcers in words (${lang})`, () => {
      for (const ref of [
        'entrance',
        'entrance.residential-compound.certificateHours',
        'entrance.city-exit',
        'entrance.mall-market',
        'venue-closed-loop',
        'colours.closeContact.redDays',
      ]) {
        const words = paramWords(label, ref);
        assert.doesNotMatch(words, RAW, `${ref} → ${words}`);
        // An identifier (camelCase, kebab-case) kept as it is; a plain English word may be the word.
        for (const part of ref.split('.'))
          if (/[A-Z-]/.test(part)) assert.ok(!words.includes(part), `${ref} → ${words} keeps ${part}`);
        if (lang === 'zh-CN') assert.match(words, /\p{Script=Han}/u, ref);
      }
      assert.equal(
        paramWords(label, 'entrance.residential-compound.certificateHours'),
        lang === 'en'
          ? 'Entrance rules › Residential compound › negative test within (hours)'
          : '场所查验规则 › 居民小区 › 核酸证明时限（小时）',
      );
    });
  }
});
