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

/** A person as every list and screen shows it. */
export interface PersonMasked {
  id: number;
  idNumberMasked: string;
  nameMasked: string;
  phoneMasked: string | null;
  sex: 'male' | 'female';
  birthYear: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  communityName: string;
}

/** A person with personal data in clear; only served behind persons:unmask and an audit entry. */
export interface PersonFull extends PersonMasked {
  idNumber: string;
  name: string;
  phone: string | null;
  address: string | null;
}
