import type { Generated } from 'kysely';

export interface PersonRow {
  id: Generated<number>;
  id_index: string;
  id_cipher: string;
  id_masked: string;
  name_cipher: string;
  name_masked: string;
  phone_index: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  sex: string;
  birth_date: string;
  district_code: string;
  street_code: string;
  community_code: string;
  address_cipher: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    persons: PersonRow;
  }
}
