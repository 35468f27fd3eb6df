import type { MessageKey } from '../zh-CN';
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

// Each area is typed against its zh-CN twin, so a key missing (or extra) there breaks the build;
// the annotation here catches an area left out of the spread.
export const en: Record<MessageKey, string> = {
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
