/** A local date-time in the UI language, or nothing. */
export const fmt = (iso: string | null, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang, { hour12: false }) : '';

/** The whitelist tiers, in the order the screens list them. */
export const TIERS = ['national', 'provincial', 'city', 'leader'];
