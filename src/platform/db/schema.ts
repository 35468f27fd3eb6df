/**
 * The Kysely table map. Each module adds its tables by augmenting this interface from its own
 * `*.tables.ts`, so the platform never has to know which modules exist.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface Database {}
