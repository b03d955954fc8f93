import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Select, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { ResponsiveList } from '../../components/ResponsiveList.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';
import { useI18n } from '../../i18n/index.js';
import {
  CATEGORIES,
  CLEANUP_STATUSES,
  SUGGESTED_VERDICTS,
  VERDICTS,
  WORKFLOW_STATUSES,
} from '../../../shared/campaigns.codes.js';
import { CampaignPicker, NoCampaign, useCampaignChoice } from '../campaigns/CampaignPicker.js';
import { StatusTag } from './StatusTag.js';
import { VerdictTag } from './Verdict.js';
import { exportRowSearch, rowSearchKey, searchRows, type RowSearchFilters, type RowSearchItem } from './ledgers.api.js';

/** The select filters of the search, each with its codes and how a code is labelled. */
type SelectKey = 'category' | 'suggested' | 'verdict' | 'status' | 'cleanup';

/**
 * 条目查询 (district and township users, issue 15): the ledger rows of a campaign across the villages one
 * reads — "which villages still hang a 禁毒工作站 board?" — by region, category, suggestion, verdict, review
 * and clean-up status and text, latest change first; the same filters export a spreadsheet.
 */
export default function RowSearchPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { campaigns, campaign, setCampaignId, isPending, error } = useCampaignChoice();
  const [draft, setDraft] = useState('');
  const [filters, setFilters] = useState<RowSearchFilters>({});
  const [exporting, setExporting] = useState(false);
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const list = useQuery({
    queryKey: rowSearchKey(campaign?.id ?? '', filters, page, pageSize),
    queryFn: () => searchRows(campaign!.id, filters, page, pageSize),
    enabled: !!campaign,
    placeholderData: keepPreviousData,
  });

  if (isPending) return <PageSpin />;
  if (error)
    return (
      <PageContainer title={t('campaigns.search.title')}>
        <Card>
          <Empty description={t('common.loadFailed')} />
        </Card>
      </PageContainer>
    );

  const set = (patch: Partial<RowSearchFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const options: Record<SelectKey, { value: string; label: string }[]> = {
    category: CATEGORIES.map((c) => ({ value: c, label: t(`campaigns.category.${c}`) })),
    suggested: SUGGESTED_VERDICTS.map((v) => ({ value: v, label: t(`campaigns.verdict.${v}`) })),
    verdict: [
      ...VERDICTS.map((v) => ({ value: v as string, label: t(`campaigns.verdict.${v}`) })),
      { value: 'undecided', label: t('campaigns.search.undecided') },
    ],
    status: WORKFLOW_STATUSES.map((s) => ({ value: s, label: t(`campaigns.workflow.${s}`) })),
    cleanup: CLEANUP_STATUSES.map((s) => ({ value: s, label: t(`campaigns.cleanup.${s}`) })),
  };
  const selects: SelectKey[] = ['category', 'suggested', 'verdict', 'status', 'cleanup'];
  const ledgerLink = (r: RowSearchItem) => `/ledgers/${r.ledgerId}?campaign=${campaign?.id ?? ''}`;
  const doExport = async () => {
    if (!campaign) return;
    setExporting(true);
    try {
      await exportRowSearch(campaign.id, filters, `${t('campaigns.search.title')}.xlsx`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<RowSearchItem> = [
    {
      title: t('campaigns.search.village'),
      key: 'village',
      render: (_: unknown, r) => (
        <div>
          <Link to={ledgerLink(r)}>{r.villageName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {r.townshipName ?? ''} <span className="jf-mono">{r.villageCode}</span>
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('campaigns.search.category'),
      dataIndex: 'category',
      render: (c: RowSearchItem['category']) => t(`campaigns.category.${c}`),
    },
    { title: t('campaigns.search.name'), dataIndex: 'name' },
    { title: t('campaigns.search.imposedBy'), dataIndex: 'imposedBy' },
    {
      title: t('campaigns.search.suggested'),
      dataIndex: 'suggested',
      render: (v: RowSearchItem['suggested']) => <VerdictTag verdict={v} />,
    },
    {
      title: t('campaigns.search.verdict'),
      dataIndex: 'verdict',
      render: (v: RowSearchItem['verdict']) =>
        v ? (
          <VerdictTag verdict={v} />
        ) : (
          <Typography.Text type="warning">{t('campaigns.search.undecided')}</Typography.Text>
        ),
    },
    {
      title: t('campaigns.search.status'),
      dataIndex: 'workflowStatus',
      render: (s: RowSearchItem['workflowStatus']) => <StatusTag status={s} />,
    },
    {
      title: t('campaigns.search.cleanup'),
      dataIndex: 'cleanupStatus',
      render: (s: RowSearchItem['cleanupStatus']) => t(`campaigns.cleanup.${s}`),
    },
    {
      title: t('campaigns.search.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(v)}</span>,
    },
  ];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.search.empty')} />;

  return (
    <PageContainer
      title={t('campaigns.search.title')}
      extra={
        <>
          <CampaignPicker campaigns={campaigns} value={campaign?.id} onChange={setCampaignId} />
          {campaign ? (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} data-testid="row-search-export">
              {t('campaigns.search.export')}
            </Button>
          ) : null}
        </>
      }
    >
      {!campaign ? (
        <NoCampaign />
      ) : (
        <Card size="small">
          <Typography.Paragraph type="secondary">{t('campaigns.search.intro')}</Typography.Paragraph>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="row-search-filters">
            <div style={{ width: isMobile ? '100%' : 220 }}>
              <RegionSelect
                id="row-search-region"
                value={filters.region}
                placeholder={t('campaigns.search.region')}
                ariaLabel={t('campaigns.search.region')}
                onChange={(code) => set({ region: code })}
              />
            </div>
            {selects.map((key) => (
              <Select
                key={key}
                allowClear={CLEARABLE}
                placeholder={t(`campaigns.search.${key}`)}
                aria-label={t(`campaigns.search.${key}`)}
                data-testid={`row-search-${key}`}
                value={filters[key]}
                onChange={(v?: string) => set({ [key]: v || undefined })}
                options={options[key]}
                style={{ width: isMobile ? '100%' : 150 }}
              />
            ))}
            <Input.Search
              allowClear={CLEARABLE}
              placeholder={t('campaigns.search.q')}
              aria-label={t('campaigns.search.q')}
              data-testid="row-search-q"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              enterButton={t('campaigns.search.submit')}
              style={{ width: isMobile ? '100%' : 300 }}
            />
          </Flex>
          <ResponsiveList<RowSearchItem>
            testId="row-search"
            data={list.data}
            loading={list.isFetching}
            paging={paging}
            columns={columns}
            empty={empty}
            card={(r) => (
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  <Link to={ledgerLink(r)}>{r.villageName}</Link>
                  <Typography.Text strong>{r.name}</Typography.Text>
                </Flex>
                <Flex gap={4} align="center" wrap>
                  <VerdictTag verdict={r.suggested} />
                  {r.verdict ? <VerdictTag verdict={r.verdict} /> : null}
                  <StatusTag status={r.workflowStatus} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                  {t(`campaigns.category.${r.category}`)} · {r.imposedBy} · {fmtTime(r.updatedAt)}
                </Typography.Text>
              </Flex>
            )}
          />
        </Card>
      )}
    </PageContainer>
  );
}
