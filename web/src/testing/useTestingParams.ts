import { useMemo } from 'react';
import type { Campaign } from '../api-types';
import { useQuery } from '../common/router';
import { useApi } from '../common/useApi';
import { asArea, DEFAULT_CAMPAIGN, defaultRound, newestFirst, roundDays } from './defaults';

export interface TestingParams {
  /** Newest first; undefined while asked. */
  campaigns: Campaign[] | undefined;
  campaignsError: unknown;
  reloadCampaigns: () => void;
  /** The campaign in the address, else the newest (undefined while the list loads or when there is none). */
  campaign: Campaign | undefined;
  /** The campaign code asked for (also when the list is not there yet). */
  code: string;
  round: number;
  days: string[];
  area: string;
  district: string;
}

/** The testing screens' state from the address: campaign, round, drill-down area and district filter. */
export function useTestingParams(): TestingParams {
  const q = useQuery();
  const list = useApi<{ items: Campaign[] }>('/api/v1/campaigns');
  const campaigns = useMemo(() => (list.data ? newestFirst(list.data.items) : undefined), [list.data]);
  const campaign = campaigns?.find((c) => c.code === q.campaign) ?? (q.campaign ? undefined : campaigns?.[0]);
  const days = useMemo(() => (campaign ? roundDays(campaign) : []), [campaign]);
  const asked = Number.parseInt(q.round ?? '', 10);
  const round =
    Number.isInteger(asked) && asked >= 1 && (days.length === 0 || asked <= days.length)
      ? asked
      : campaign
        ? defaultRound(campaign)
        : 1;
  return {
    campaigns,
    campaignsError: list.error,
    reloadCampaigns: list.reload,
    campaign,
    code: campaign?.code ?? q.campaign ?? DEFAULT_CAMPAIGN,
    round,
    days,
    area: asArea(q.area),
    district: /^\d{6}$/.test(q.district ?? '') ? (q.district as string) : '',
  };
}
