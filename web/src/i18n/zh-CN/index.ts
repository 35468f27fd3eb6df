import { appeals } from './appeals';
import { cases } from './cases';
import { core } from './core';
import { courier } from './courier';
import { economy } from './economy';
import { events } from './events';
import { exits } from './exits';
import { measures } from './measures';
import { overrides } from './overrides';
import { policyScreen } from './policy';
import { testing } from './testing';
import { tracing } from './tracing';
import { venues } from './venues';
import { zones } from './zones';

/** The areas' keys in one tuple, to check below that no two areas define the same key. */
type Areas = [
  typeof core,
  typeof cases,
  typeof zones,
  typeof testing,
  typeof appeals,
  typeof venues,
  typeof tracing,
  typeof economy,
  typeof overrides,
  typeof events,
  typeof courier,
  typeof exits,
  typeof policyScreen,
  typeof measures,
];

/** `true` when no key is in two areas, else the clashing keys (a spread would silently keep the last text). */
type Disjoint<T extends readonly object[], Seen extends PropertyKey = never> = T extends readonly [
  infer Head extends object,
  ...infer Rest extends readonly object[],
]
  ? [keyof Head & Seen] extends [never]
    ? Disjoint<Rest, Seen | keyof Head>
    : keyof Head & Seen
  : true;

const disjoint: Disjoint<Areas> = true;
void disjoint;

/** The zh-CN dictionary, the source language: its keys are the keys every other language must have. */
export const zhCN = {
  ...core,
  ...cases,
  ...zones,
  ...testing,
  ...appeals,
  ...venues,
  ...tracing,
  ...economy,
  ...overrides,
  ...events,
  ...courier,
  ...exits,
  ...policyScreen,
  ...measures,
};

export type MessageKey = keyof typeof zhCN;
