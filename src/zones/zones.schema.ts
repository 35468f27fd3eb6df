import { z } from 'zod';
import { ZONE_LEVELS } from '../policy/policy.schema.ts';
import { WORKING_GROUPS } from './zones.rules.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Time = z.iso.datetime({ offset: true });
const Notice = {
  noticeNo: z.string().trim().min(1).max(64),
  noticeDistrict: z.string().regex(/^\d{6}$/),
  effectiveAt: Time,
};

export const UNITS = ['compound', 'building', 'unit', 'floor', 'household', 'village', 'street-section'] as const;

export const DesignateInput = z.object({
  name: z.string().trim().min(1).max(100),
  level: z.enum(['high', 'medium']),
  unit: z.enum(UNITS),
  communityCode: z.string().regex(/^\d{12}$/),
  residents: z.number().int().min(0).max(1_000_000),
  polygon: z
    .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)) })
    .nullish(),
  ...Notice,
});
export type DesignateInput = z.infer<typeof DesignateInput>;

export const TransitionInput = z.object({
  action: z.enum(['downgrade', 'lift', 'upgrade']),
  overrideReason: z.string().trim().min(4).max(500).optional(),
  ...Notice,
});
export type TransitionInput = z.infer<typeof TransitionInput>;

export const InfectionInput = z.object({ day: Day, caseNo: z.string().max(64).optional() });
export const RoundInput = z.object({ day: Day, tested: z.number().int().min(0), positives: z.number().int().min(0) });
export const ZonesQuery = z.object({
  date: Day.optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  level: z.enum(ZONE_LEVELS).optional(),
  status: z.enum(['active', 'lifted']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type ZonesQuery = z.infer<typeof ZonesQuery>;
export const DayDistrictQuery = z.object({
  date: Day.optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const TaskForceInput = z.object({
  leaderId: z.number().int().positive(),
  members: z.array(z.object({ cadreId: z.number().int().positive(), group: z.enum(WORKING_GROUPS) })).max(200),
  formedOn: Day.optional(),
});
export type TaskForceInput = z.infer<typeof TaskForceInput>;
export const DutyInput = z.object({
  kind: z.enum(['screening', 'garbage', 'supplies', 'request']),
  title: z.string().trim().min(1).max(200),
  owner: z.string().trim().min(1).max(64),
  dueAt: Time,
});
export type DutyInput = z.infer<typeof DutyInput>;
