import type { RecordMetric } from '../api-types';
import { useI18n } from '../i18n';
import { casesHref } from './links';

interface Props {
  value: number;
  metric: RecordMetric;
  date: string;
  district?: string;
  className?: string;
  testId?: string;
}

/** A figure as a link to the records behind it. */
export function FigureLink({ value, metric, date, district, className, testId }: Props) {
  const { t, formatNumber } = useI18n();
  return (
    <a
      className={className ? `figure-link ${className}` : 'figure-link'}
      href={casesHref({ date, metric, district })}
      title={t(`metric.${metric}`)}
      data-testid={testId}
    >
      {formatNumber(value)}
    </a>
  );
}
