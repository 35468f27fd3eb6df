import type { Label } from '../i18n';

/**
 * A policy parameter path or entrance rule an enforcer names (`entrance.residential-compound.certificateHours`,
 * `venue-closed-loop`) in words, segment by segment: a venue category by its name, any other segment
 * by `measures.param.*`. A segment with no words yet is shown as it is rather than hidden.
 */
export function paramWords(label: Label, ref: string): string {
  return ref
    .split('.')
    .map((part) => {
      const category = label('venues.category', part);
      return category !== part ? category : label('measures.param', part);
    })
    .join(' › ');
}
