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
            <th scope="col">{t('cases.reclassifiedOn')}</th>
            <th scope="col">{t('cases.dischargedOn')}</th>
            <th scope="col">{t('cases.releasedOn')}</th>
            <th scope="col">{t('cases.diedOn')}</th>
            <th scope="col">{t('cases.name')}</th>
            <th scope="col">{t('cases.idNumber')}</th>
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
              <td className="mono">{day(c.reclassifiedOn)}</td>
              <td className="mono">{day(c.dischargedOn)}</td>
              <td className="mono">{day(c.releasedOn)}</td>
              <td className="mono">{day(c.diedOn)}</td>
              <td>{c.nameMasked ?? '—'}</td>
              <td className="mono">{c.idNumberMasked ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
