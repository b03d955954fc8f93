import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Select, Tag } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { CAMPAIGN_STATUS_COLORS } from './campaigns.colors.js';
import {
  campaignKeys,
  chooseCampaign,
  listCampaigns,
  storeCampaignId,
  storedCampaignId,
  type Campaign,
} from './campaigns.api.js';

/**
 * The campaign a ledger, review, dashboard or task page is about: `?campaign=` in the address, else
 * the last one chosen on this device, else the newest active one. Most users only ever have one.
 */
export function useCampaignChoice() {
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: campaignKeys.list, queryFn: listCampaigns, staleTime: 30_000 });
  const campaigns = useMemo(() => list.data ?? [], [list.data]);
  const wanted = params.get('campaign') ?? storedCampaignId();
  const campaign: Campaign | undefined = useMemo(() => chooseCampaign(campaigns, wanted), [campaigns, wanted]);
  const setCampaignId = useCallback(
    (id: string) => {
      storeCampaignId(id);
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('campaign', id);
          next.delete('region');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { campaigns, campaign, setCampaignId, isPending: list.isPending, error: list.error };
}

/** A select of the launched campaigns the user can see (drafts have no ledgers yet). */
export function CampaignPicker({
  campaigns,
  value,
  onChange,
}: {
  campaigns: Campaign[];
  value?: string;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  const options = campaigns
    .filter((c) => c.status !== 'draft')
    .map((c) => ({
      value: c.id,
      label: (
        <span>
          {c.name}
          <Tag color={CAMPAIGN_STATUS_COLORS[c.status]} style={{ marginInlineStart: 6 }}>
            {t(`campaigns.campaignStatus.${c.status}`)}
          </Tag>
        </span>
      ),
    }));
  return (
    <Select
      data-testid="campaign-picker"
      aria-label={t('campaigns.picker')}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('campaigns.picker')}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, maxWidth: '100%' }}
    />
  );
}

/** What a campaign page shows while there is no campaign to show. */
export function NoCampaign() {
  const { t } = useI18n();
  return (
    <Card>
      <Empty description={t('ledgers.noCampaign')} />
    </Card>
  );
}
