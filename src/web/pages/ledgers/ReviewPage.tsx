import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Result, Segmented, Typography, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { ResponsiveList } from '../../components/ResponsiveList.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { WORKFLOW_STATUSES, type WorkflowStatus } from '../../../shared/campaigns.codes.js';
import { CampaignPicker, NoCampaign, useCampaignChoice } from '../campaigns/CampaignPicker.js';
import { ImportModal, TemplateButton } from './ImportModal.js';
import { LedgerLine, StatusTag } from './StatusTag.js';
import { ledgerKeys, listLedgers, type LedgerListItem } from './ledgers.api.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

type StatusFilter = WorkflowStatus | 'all';

/**
 * 乡镇审核 (township officer): the township's village ledgers, submitted ones first; open one to read
 * it and return it with a note or approve it.
 */
export default function ReviewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const access = accessOf(useMe().data);
  const { campaigns, campaign, setCampaignId, isPending, error } = useCampaignChoice();
  const [status, setStatus] = useState<StatusFilter>('submitted');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [importOpen, setImportOpen] = useState(false);
  const filter = { status: status === 'all' ? undefined : status, q: search || undefined };
  const list = useQuery({
    queryKey: ledgerKeys.list(campaign?.id ?? '', filter, page, pageSize),
    queryFn: () => listLedgers(campaign!.id, filter, page, pageSize),
    enabled: !!campaign,
    placeholderData: keepPreviousData,
  });

  if (isPending) return <PageSpin />;
  if (error) return <Result status="error" title={t('common.loadFailed')} subTitle={error.message} />;

  const open = (l: LedgerListItem) => navigate(`/ledgers/${l.id}?campaign=${campaign?.id ?? ''}`);
  const columns: TableColumnsType<LedgerListItem> = [
    {
      title: t('review.village'),
      dataIndex: 'villageName',
      render: (_: unknown, l) => (
        <div>
          <Link to={`/ledgers/${l.id}?campaign=${campaign?.id ?? ''}`}>{l.villageName}</Link>
          <div>
            <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
              {l.villageCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('review.status'),
      dataIndex: 'effectiveStatus',
      render: (v: WorkflowStatus) => <StatusTag status={v} />,
    },
    { title: t('review.rows'), dataIndex: 'rows', align: 'right' },
    {
      title: t('review.undecided'),
      dataIndex: 'undecided',
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0),
    },
    { title: t('review.nonCompliant'), dataIndex: 'nonCompliant', align: 'right' },
    {
      title: t('review.submittedAt'),
      dataIndex: 'submittedAt',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? fmtTime(v) : '—'}</span>,
    },
    {
      title: t('review.returnNote'),
      dataIndex: 'returnNote',
      render: (v: string | null) =>
        v ? (
          <Typography.Paragraph style={{ margin: 0, maxWidth: 260 }} ellipsis={{ rows: 2, tooltip: v }}>
            {v}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, l) => (
        <Button
          size="small"
          type={l.effectiveStatus === 'submitted' ? 'primary' : 'default'}
          onClick={() => open(l)}
          data-testid="open-ledger"
        >
          {l.effectiveStatus === 'submitted' ? t('review.review') : t('review.view')}
        </Button>
      ),
    },
  ];

  const statusOptions = [
    ...WORKFLOW_STATUSES.filter((s) => s !== 'draft').map((s) => ({
      value: s as StatusFilter,
      label: s === 'submitted' ? t('review.awaiting') : t(`campaigns.workflow.${s}`),
    })),
    { value: 'draft' as StatusFilter, label: t('campaigns.workflow.draft') },
    { value: 'all' as StatusFilter, label: t('audit.all') },
  ];

  return (
    <PageContainer
      title={t('review.title')}
      extra={
        <>
          <CampaignPicker campaigns={campaigns} value={campaign?.id} onChange={setCampaignId} />
          {access.canImportLedgers && campaign ? (
            <>
              <TemplateButton />
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('ledgers.import')}
              </Button>
            </>
          ) : null}
        </>
      }
    >
      {!campaign ? (
        <NoCampaign />
      ) : (
        <Card size="small">
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
              <Segmented<StatusFilter>
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                options={statusOptions}
                data-testid="review-status-filter"
              />
            </div>
            <Input.Search
              allowClear={CLEARABLE}
              placeholder={t('review.searchPlaceholder')}
              aria-label={t('review.searchPlaceholder')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onSearch={(v) => {
                setSearch(v.trim());
                setPage(1);
              }}
              style={{ width: isMobile ? '100%' : 240 }}
            />
          </Flex>
          <ResponsiveList<LedgerListItem>
            testId="review"
            data={list.data}
            loading={list.isFetching}
            paging={paging}
            columns={columns}
            onOpen={open}
            empty={
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(status === 'submitted' ? 'review.emptyAwaiting' : 'review.empty')}
              />
            }
            card={(l) => <LedgerLine l={l} submitted />}
          />
        </Card>
      )}
      {campaign && access.canImportLedgers ? (
        <ImportModal campaignId={campaign.id} open={importOpen} onClose={() => setImportOpen(false)} />
      ) : null}
    </PageContainer>
  );
}
