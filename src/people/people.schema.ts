import { z } from 'zod';

/** Body of POST /api/v1/persons. */
export const PersonInput = z.object({
  idNumber: z.string().min(1).max(32),
  name: z.string().trim().min(1).max(64),
  phone: z.string().max(32).nullish(),
  communityCode: z.string().regex(/^\d{12}$/, '12-digit community code'),
  address: z.string().max(200).nullish(),
});
export type PersonInput = z.infer<typeof PersonInput>;

/** Query of GET /api/v1/persons. */
export const PersonQuery = z.object({
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  street: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  community: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  q: z.string().max(32).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PersonQuery = z.infer<typeof PersonQuery>;

/** A person id in the path. */
export const PersonIdParams = z.object({ id: z.coerce.number().int().positive() });

/** Query of GET /api/v1/persons/:id/unmasked: why the clear text is needed, for the audit entry. */
export const UnmaskQuery = z.object({ reason: z.string().max(200).optional() });

/** A person as every list and screen shows it. */
export const PersonMasked = z.object({
  id: z.number().int(),
  idNumberMasked: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string().nullable(),
  sex: z.enum(['male', 'female']),
  birthYear: z.number().int(),
  districtCode: z.string(),
  streetCode: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
});
export type PersonMasked = z.infer<typeof PersonMasked>;

/** A person with personal data in clear; only served behind persons:unmask and an audit entry. */
export const PersonFull = PersonMasked.extend({
  idNumber: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type PersonFull = z.infer<typeof PersonFull>;

/** GET /api/v1/persons. */
export const PersonPage = z.object({
  items: z.array(PersonMasked),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PersonPage = z.infer<typeof PersonPage>;

/** One masked person. */
export const PersonAnswer = z.object({ person: PersonMasked });

/** One person in clear. */
export const PersonFullAnswer = z.object({ person: PersonFull });
