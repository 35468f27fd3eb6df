import type { CaseView } from '../api-types';
import { type MessageKey, useI18n } from '../i18n';

const KIND: Record<string, MessageKey> = { confirmed: 'cases.kind.confirmed', asymptomatic: 'cases.kind.asymptomatic' };
const ORIGIN: Record<string, MessageKey> = { local: 'cases.origin.local', imported: 'cases.origin.imported' };
const VIA: Record<string, MessageKey> = {
  quarantine: 'cases.detectedVia.quarantine',
  'home-isolation': 'cases.detectedVia.home-isolation',
  'community-screening': 'cases.detectedVia.community-screening',
  'key-group-screening': 'cases.detectedVia.key-group-screening',
  'self-presented': 'cases.detectedVia.self-presented',
};

export function CaseTable({ items }: { items: CaseView[] }) {
  const { t } = useI18n();
  /** A known code in the UI language; an unknown one as sent. */
  const label = (map: Record<string, MessageKey>, v: string | null) => {
    if (!v) return '—';
    const key = map[v];
    return key ? t(key) : v;
  };
  const day = (v: string | null) => v ?? '—';
  return (
    <div className="table-wrap">
      <table className="table" data-testid="cases-table">
        <thead>
          <tr>
            <th scope="col">{t('cases.caseNo')}</th>
            <th scope="col">{t('cases.kind')}</th>
            <th scope="col">{t('cases.origin')}</th>
            <th scope="col">{t('cases.reportedOn')}</th>
            <th scope="col">{t('cases.district')}</th>
            <th scope="col">{t('cases.community')}</th>
            <th scope="col">{t('cases.detectedVia')}</th>
            <th scope="col">{t('cases.course')}</th>
            <th scope="col">
              {t('cases.name')} / {t('cases.idNumber')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="mono">
                {c.caseNo}
              </th>
              <td>{label(KIND, c.kind)}</td>
              <td>{label(ORIGIN, c.origin)}</td>
              <td className="mono">{c.reportedOn}</td>
              <td>{c.districtName}</td>
              <td>{c.communityName ?? '—'}</td>
              <td>{label(VIA, c.detectedVia)}</td>
              <td className="case-course">
                {/* The four later dates in one cell: most cases have one or none, and fourteen
                    columns pushed the ID number out of the table's box. */}
                {(
                  [
                    ['cases.reclassifiedOn', c.reclassifiedOn],
                    ['cases.dischargedOn', c.dischargedOn],
                    ['cases.releasedOn', c.releasedOn],
                    ['cases.diedOn', c.diedOn],
                  ] as const
                )
                  .filter(([, d]) => d)
                  .map(([k, d]) => (
                    <div key={k}>
                      {t(k)} <span className="mono">{day(d)}</span>
                    </div>
                  ))}
                {!c.reclassifiedOn && !c.dischargedOn && !c.releasedOn && !c.diedOn && '—'}
              </td>
              <td className="case-person">
                {c.nameMasked ?? '—'}
                <div className="mono small" data-testid="case-id-number">
                  {c.idNumberMasked ?? '—'}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
