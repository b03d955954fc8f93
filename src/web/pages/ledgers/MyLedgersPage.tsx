import { Navigate, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Result } from 'antd';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { SimpleList } from '../../components/SimpleList.js';
import { useI18n } from '../../i18n/index.js';
import { CampaignPicker, NoCampaign, useCampaignChoice } from '../campaigns/CampaignPicker.js';
import { LedgerLine } from './StatusTag.js';
import { ledgerKeys, listLedgers } from './ledgers.api.js';

/**
 * 台账填报 (village cadre): the village's ledger of the current campaign. A cadre has one village,
 * so the page goes straight to its ledger; several villages (or campaigns) get a short list.
 */
export default function MyLedgersPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { campaigns, campaign, setCampaignId, isPending, error } = useCampaignChoice();
  const list = useQuery({
    queryKey: ledgerKeys.list(campaign?.id ?? '', {}, 1, 50),
    queryFn: () => listLedgers(campaign!.id, {}, 1, 50),
    enabled: !!campaign,
  });

  if (isPending || (campaign && list.isPending)) return <PageSpin />;
  if (error) return <Result status="error" title={t('common.loadFailed')} subTitle={error.message} />;
  const items = list.data?.items ?? [];
  const several = campaigns.filter((c) => c.status !== 'draft').length > 1;
  if (campaign && items.length === 1 && !several)
    return <Navigate to={`/ledgers/${items[0].id}?campaign=${campaign.id}`} replace />;

  return (
    <PageContainer
      title={t('menu.ledgers')}
      extra={
        several ? <CampaignPicker campaigns={campaigns} value={campaign?.id} onChange={setCampaignId} /> : undefined
      }
    >
      {!campaign ? (
        <NoCampaign />
      ) : (
        <Card size="small">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('ledgers.mineNote', { name: campaign.name })}
          />
          <SimpleList
            items={items}
            rowKey={(l) => l.id}
            loading={list.isFetching}
            onClick={(l) => navigate(`/ledgers/${l.id}?campaign=${campaign.id}`)}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledgers.noLedger')} />}
            render={(l) => <LedgerLine l={l} />}
          />
        </Card>
      )}
    </PageContainer>
  );
}
