import type { RecordMetric } from '../api-types';
import { hrefQuery } from '../common/router';

/** The records behind a figure: `#/cases?date=…&metric=…&district=…` (empty values left out). */
export function casesHref(p: { date?: string; metric?: RecordMetric; district?: string }): string {
  return hrefQuery(['cases'], { date: p.date, metric: p.metric, district: p.district });
}
