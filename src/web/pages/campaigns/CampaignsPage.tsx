import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, RedoOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer.js';
import { SimpleList } from '../../components/SimpleList.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { CAMPAIGN_STATUS_COLORS } from './campaigns.colors.js';
import { campaignKeys, listCampaigns, type Campaign } from './campaigns.api.js';
import { CampaignFormModal } from './CampaignFormModal.js';

export function CampaignStatusTag({ c }: { c: Pick<Campaign, 'status'> }) {
  const { t } = useI18n();
  return (
    <Tag color={CAMPAIGN_STATUS_COLORS[c.status]} data-testid="campaign-status">
      {t(`campaigns.campaignStatus.${c.status}`)}
    </Tag>
  );
}

/** 专项行动 (district lead): the campaigns, a new one from the default template, or the next cycle of one. */
export default function CampaignsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const list = useQuery({ queryKey: campaignKeys.list, queryFn: listCampaigns });
  const [creating, setCreating] = useState<{ previous: Campaign | null } | null>(null);
  const items = list.data ?? [];

  const nextCycle = (c: Campaign) =>
    c.abilities.manage && (c.status === 'active' || c.status === 'closed') ? (
      <Button
        size="small"
        icon={<RedoOutlined />}
        onClick={() => setCreating({ previous: c })}
        data-testid="next-cycle"
      >
        {t('campaigns.nextCycle')}
      </Button>
    ) : null;

  const columns: TableColumnsType<Campaign> = [
    {
      title: t('campaigns.name'),
      dataIndex: 'name',
      render: (_: unknown, c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link>,
    },
    { title: t('campaigns.region'), dataIndex: 'regionName' },
    { title: t('campaigns.year'), dataIndex: 'year' },
    { title: t('campaigns.status'), dataIndex: 'status', render: (_: unknown, c) => <CampaignStatusTag c={c} /> },
    { title: t('campaigns.ledgerCount'), dataIndex: 'ledgerCount', align: 'right' },
    {
      title: t('campaigns.launchedAt'),
      dataIndex: 'launchedAt',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? fmtTime(v) : '—'}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, c) => (
        <Flex gap={4} wrap>
          <Button size="small" type="link" onClick={() => navigate(`/campaigns/${c.id}`)}>
            {t('campaigns.open')}
          </Button>
          {c.status !== 'draft' ? (
            <Button size="small" type="link" onClick={() => navigate(`/dashboard?campaign=${c.id}`)}>
              {t('menu.dashboard')}
            </Button>
          ) : null}
          {nextCycle(c)}
        </Flex>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('campaigns.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating({ previous: null })}
          data-testid="campaign-create"
        >
          {t('campaigns.createTitle')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('campaigns.note')} />
      <Card size="small">
        {isMobile ? (
          <SimpleList
            items={items}
            rowKey={(c) => c.id}
            loading={list.isFetching}
            onClick={(c) => navigate(`/campaigns/${c.id}`)}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.empty')} />}
            render={(c) => (
              <Flex vertical gap={2}>
                <Typography.Text strong>{c.name}</Typography.Text>
                <Flex gap={6} align="center" wrap>
                  <CampaignStatusTag c={c} />
                  <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                    {c.regionName} · {t('campaigns.ledgersN', { n: c.ledgerCount })}
                  </Typography.Text>
                </Flex>
              </Flex>
            )}
          />
        ) : (
          <Table<Campaign>
            rowKey="id"
            data-testid="campaign-table"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.empty')} /> }}
          />
        )}
      </Card>
      <CampaignFormModal
        open={!!creating}
        previous={creating?.previous}
        campaigns={items}
        onClose={() => setCreating(null)}
      />
    </PageContainer>
  );
}
