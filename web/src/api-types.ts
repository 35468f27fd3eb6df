export type { UserInput } from '../../src/platform/auth/auth.schema.ts';
