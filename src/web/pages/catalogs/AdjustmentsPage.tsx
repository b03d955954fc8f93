import { useMemo, useState, type HTMLAttributes } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Segmented, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ADJUSTMENT_OPERATIONS,
  ADJUSTMENT_STATUSES,
  type AdjustmentOperation,
  type AdjustmentStatus,
} from '../../../shared/catalogs.enums.js';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useSearchPatch } from '../../hooks/useSearchPatch.js';
import { useI18n } from '../../i18n/index.js';
import {
  catalogKeys,
  listAdjustments,
  listCatalogs,
  type AdjustmentFilter,
  type AdjustmentSummary,
} from './catalogs.api.js';
import { OperationTag, StatusTag } from './CatalogTags.js';
import { AdjustmentDrawer } from './AdjustmentDrawer.js';
import { AdjustmentFormDrawer } from './AdjustmentFormDrawer.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/**
 * 目录调整: adjustments by status (drafts are only the proposer's own), with the detail drawer that
 * offers exactly the actions the server's `abilities` allow (edit, submit, cancel, approve, reject, publish).
 */
export default function AdjustmentsPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const access = accessOf(me);
  const [params, set] = useSearchPatch();
  const status = (params.get('status') as AdjustmentStatus | null) ?? undefined;
  const [operation, setOperation] = useState<AdjustmentOperation | undefined>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const openId = params.get('id');

  const setParam = (k: string, v: string | undefined) => set({ [k]: v }, { replace: k === 'status' });

  const filter: AdjustmentFilter = { status, operation };
  const rows = useQuery({
    queryKey: catalogKeys.adjustments(filter, page, pageSize),
    queryFn: () => listAdjustments(filter, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const catalogs = useQuery({ queryKey: catalogKeys.list(undefined), queryFn: () => listCatalogs() });
  const titles = useMemo(() => new Map((catalogs.data ?? []).map((c) => [c.id, c.title])), [catalogs.data]);

  const what = (a: AdjustmentSummary) =>
    a.itemName ? (
      <span>
        {a.itemName}
        {a.itemCode ? (
          <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
            {' '}
            {a.itemCode}
          </Typography.Text>
        ) : null}
      </span>
    ) : (
      <span>{(a.catalogId && titles.get(a.catalogId)) ?? a.catalogId ?? '—'}</span>
    );

  const columns: TableColumnsType<AdjustmentSummary> = isMobile
    ? [
        {
          title: t('adjust.summary'),
          key: 'm',
          render: (_: unknown, a) => (
            <div>
              <Flex gap={4} wrap align="center" style={{ marginBottom: 2 }}>
                <OperationTag operation={a.operation} />
                <StatusTag status={a.status} />
                {a.publishedAt ? <Tag color="blue">{t('adjust.published')}</Tag> : null}
              </Flex>
              <div style={{ fontWeight: 500 }}>{what(a)}</div>
              <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
                {a.targetRegion.name} · {t(`catalogs.reason.${a.reasonType}`)} ·{' '}
                {t('adjust.effectiveOn', { date: a.effectiveFrom ?? a.effectiveDate })}
              </div>
            </div>
          ),
        },
      ]
    : [
        {
          title: t('adjust.operation'),
          dataIndex: 'operation',
          width: 100,
          render: (_: unknown, a) => <OperationTag operation={a.operation} />,
        },
        {
          title: t('adjust.itemOrCatalog'),
          key: 'what',
          render: (_: unknown, a) => <div style={{ minWidth: 180, maxWidth: 320 }}>{what(a)}</div>,
        },
        { title: t('adjust.target'), dataIndex: ['targetRegion', 'name'], width: 110 },
        {
          title: t('adjust.reasonType'),
          dataIndex: 'reasonType',
          width: 130,
          render: (_: unknown, a) => t(`catalogs.reason.${a.reasonType}`),
        },
        {
          title: t('adjust.effectiveDate'),
          key: 'date',
          width: 110,
          render: (_: unknown, a) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {a.effectiveDate}
              {a.effectiveFrom && a.effectiveFrom !== a.effectiveDate ? (
                <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
                  {t('adjust.effectiveOn', { date: a.effectiveFrom })}
                </div>
              ) : null}
            </span>
          ),
        },
        {
          title: t('adjust.status'),
          dataIndex: 'status',
          width: 150,
          render: (_: unknown, a) => (
            <Flex gap={4} wrap>
              <StatusTag status={a.status} />
              {a.status === 'approved' ? (
                <Tag color={a.publishedAt ? 'blue' : 'default'}>
                  {a.publishedAt ? t('adjust.published') : t('adjust.unpublished')}
                </Tag>
              ) : null}
            </Flex>
          ),
        },
        {
          title: t('adjust.people'),
          key: 'people',
          render: (_: unknown, a) => (
            <div style={{ fontSize: '0.75rem', lineHeight: 1.6, whiteSpace: 'nowrap' }}>
              <div>
                {t('adjust.proposer')}：{a.proposerName}
              </div>
              {a.approverName ? (
                <div style={{ color: 'var(--jf-text-secondary)' }}>
                  {a.status === 'rejected' ? t('adjust.rejectedBy') : t('adjust.approver')}：{a.approverName}
                </div>
              ) : null}
            </div>
          ),
        },
      ];

  return (
    <PageContainer
      title={t('adjust.title')}
      extra={
        access.canManageCatalogs ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="adjustment-create"
          >
            {t('adjust.create')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('adjust.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented
              value={status ?? 'all'}
              onChange={(v) => {
                setParam('status', v === 'all' ? undefined : String(v));
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('adjust.all') },
                ...ADJUSTMENT_STATUSES.map((s) => ({ value: s, label: t(`catalogs.status.${s}`) })),
              ]}
              data-testid="adjustment-status-filter"
            />
          </div>
          <Select
            allowClear={CLEARABLE}
            placeholder={t('adjust.allOperations')}
            aria-label={t('adjust.allOperations')}
            value={operation}
            onChange={(v) => {
              setOperation(v);
              setPage(1);
            }}
            options={ADJUSTMENT_OPERATIONS.map((o) => ({ value: o, label: t(`catalogs.operation.${o}`) }))}
            style={{ minWidth: 140 }}
          />
        </Flex>
      </Card>
      <Card>
        <Table<AdjustmentSummary>
          rowKey="id"
          columns={columns}
          dataSource={rows.data?.items ?? []}
          loading={rows.isFetching}
          size={isMobile ? 'small' : 'middle'}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          onRow={(a) =>
            ({
              onClick: () => setParam('id', a.id),
              style: { cursor: 'pointer' },
              'data-testid': 'adjustment-row',
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  status ? t('adjust.emptyStatus', { status: t(`catalogs.status.${status}`) }) : t('adjust.empty')
                }
              />
            ),
          }}
          pagination={pagination(rows.data?.total ?? 0, { hideOnSinglePage: true })}
        />
      </Card>
      <AdjustmentDrawer id={openId} onClose={() => setParam('id', undefined)} />
      <AdjustmentFormDrawer open={creating} onClose={() => setCreating(false)} onDone={(a) => setParam('id', a.id)} />
    </PageContainer>
  );
}
