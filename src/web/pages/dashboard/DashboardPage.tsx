import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useAfterPaint } from '../../components/useAfterPaint.js';
import { useI18n } from '../../i18n/index.js';
import { CATEGORIES, VERDICTS, type Category, type WorkflowStatus } from '../../../shared/campaigns.codes.js';
import { VERDICT_CHART_COLORS, WORKFLOW_CHART_COLORS } from '../campaigns/campaigns.colors.js';
import { CampaignPicker, NoCampaign, useCampaignChoice } from '../campaigns/CampaignPicker.js';
import { campaignKeys, exportConsolidated, getRollup, type RollupChild } from '../campaigns/campaigns.api.js';
import { ledgerKeys, listLedgers } from '../ledgers/ledgers.api.js';
import { listTasks, taskKeys } from '../tasks/tasks.api.js';
import { Deadline } from '../tasks/TaskBits.js';
import type { EChartsOption } from './Chart.js';
import { DASHBOARD_STALE_MS, overdueFilter } from './prefetch.js';

// ECharts is the largest part of the page: load it after the figures and tables have painted.
const Chart = lazy(() => import('./Chart.js').then((m) => ({ default: m.Chart })));

const STATUS_ORDER: WorkflowStatus[] = ['approved', 'submitted', 'returned', 'stale', 'draft'];

/** The before/after bars: the count each one shows and its colour. */
const BEFORE_AFTER = [
  ['before', '#8c8c8c'],
  ['plannedAfter', '#1d5fc4'],
  ['achievedAfter', '#52c41a'],
] as const;

/** "before → after (planned)" of one category of a region. */
const pair = (c: RollupChild, k: Category) => `${c.byCategory[k].before} → ${c.byCategory[k].plannedAfter}`;

/** The figures of a chart as rows of a table: its text alternative. */
interface ChartData {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart, or an empty box of its height while ECharts loads (so nothing jumps), with its text
 * alternative: the same figures as a table under 「查看数据表」 (a native details element, so it opens
 * with the keyboard), which the chart's accessible name points to.
 */
function ChartSlot(props: { option: EChartsOption; height: number; testId?: string; title: string; data: ChartData }) {
  const { t } = useI18n();
  const { data, title, ...chart } = props;
  return (
    <>
      <div role="img" aria-label={t('dashboard.chartAlt', { title })}>
        <Suspense fallback={<div style={{ height: props.height }} />}>
          <Chart {...chart} />
        </Suspense>
      </div>
      <details className="jf-chart-table" data-testid={props.testId ? `${props.testId}-table` : undefined}>
        <summary>{t('dashboard.showTable')}</summary>
        <div className="jf-scroll-x" role="region" aria-label={title} tabIndex={0}>
          <table>
            <caption className="jf-sr-only">{title}</caption>
            <thead>
              <tr>
                {data.columns.map((c, i) => (
                  <th key={c} scope="col" style={{ textAlign: i ? 'right' : 'left' }}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={String(row[0])}>
                  {row.map((cell, i) =>
                    i ? (
                      <td key={i} style={{ textAlign: 'right' }}>
                        {cell}
                      </td>
                    ) : (
                      <th key={i} scope="row" style={{ textAlign: 'left', fontWeight: 400 }}>
                        {cell}
                      </th>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

/** On a phone, a wide table in a keyboard-scrollable region; on a desktop the table scrolls itself. */
function Wide({ phone, label, children }: { phone: boolean; label: string; children: ReactNode }) {
  return phone ? (
    <ScrollRegion label={label} testId="wide-table-region">
      {children}
    </ScrollRegion>
  ) : (
    <>{children}</>
  );
}

function Stat({ title, value, testId, color }: { title: string; value: number; testId: string; color?: string }) {
  return (
    <Card size="small" styles={{ body: { padding: '10px 12px' } }}>
      <Statistic title={title} value={value} styles={{ content: color ? { color } : undefined }} data-testid={testId} />
    </Card>
  );
}

/**
 * 汇总看板 (district lead, township officer): the consolidated ledgers of a node: filling progress per
 * child region and per phase, verdicts by category, before/after counts, overdue clean-up tasks; a
 * drill-down table (district → township → village ledger) and the consolidated spreadsheet export.
 * Numbers describe what villages are asked to do, not how busy anyone looks (no rankings).
 */
export default function DashboardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { message } = useFeedback();
  const { campaigns, campaign, setCampaignId, isPending, error } = useCampaignChoice();
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const [exporting, setExporting] = useState(false);
  const region = trail.length ? trail[trail.length - 1].code : undefined;

  const roll = useQuery({
    queryKey: campaignKeys.rollup(campaign?.id ?? '', region),
    queryFn: () => getRollup(campaign!.id, region),
    enabled: !!campaign,
    placeholderData: keepPreviousData,
    staleTime: DASHBOARD_STALE_MS,
  });
  const root = useQuery({
    queryKey: campaignKeys.rollup(campaign?.id ?? '', undefined),
    queryFn: () => getRollup(campaign!.id),
    enabled: !!campaign && !!region,
  });
  const r = roll.data;
  // The figures and charts paint first; the two tables below the fold render right after.
  const painted = useAfterPaint(!!r);
  const villagesLevel = r?.childLevel === 'village';
  // At township level the children are villages: their ledgers open from the table.
  const ledgers = useQuery({
    queryKey: ledgerKeys.list(campaign?.id ?? '', { region: r?.region.code }, 1, 200),
    queryFn: () => listLedgers(campaign!.id, { region: r!.region.code }, 1, 200),
    enabled: !!campaign && !!r && villagesLevel,
  });
  const ledgerOf = useMemo(
    () => new Map((ledgers.data?.items ?? []).map((l) => [l.villageCode, l.id])),
    [ledgers.data],
  );
  const overdueTasks = overdueFilter(campaign?.id, region);
  const overdue = useQuery({
    queryKey: taskKeys.list(overdueTasks, 1, 8),
    queryFn: () => listTasks(overdueTasks, 1, 8),
    enabled: !!campaign,
    staleTime: DASHBOARD_STALE_MS,
  });

  const charts = useMemo(() => {
    if (!r) return null;
    const childNames = r.children.map((c) => c.regionName);
    const progress: EChartsOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll', data: STATUS_ORDER.map((s) => t(`campaigns.workflow.${s}`)) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: childNames,
        inverse: true,
        axisLabel: { width: isMobile ? 72 : 120, overflow: 'truncate' },
      },
      series: STATUS_ORDER.map((s) => ({
        type: 'bar' as const,
        stack: 'ledgers',
        name: t(`campaigns.workflow.${s}`),
        itemStyle: { color: WORKFLOW_CHART_COLORS[s] },
        barMaxWidth: 22,
        data: r.children.map((c) => c.ledgers[s]),
      })),
    };
    const measured = r.phases.filter((p) => p.measured);
    const phases: EChartsOption = {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = measured[(params as { dataIndex: number }[])[0].dataIndex];
          return `${t(`campaigns.phase.${p.key}`)}<br/>${t('dashboard.phaseTip', { done: p.done, total: p.total, date: p.deadline })}`;
        },
      },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, splitNumber: isMobile ? 2 : 5, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: measured.map(
          (p) => `${t(`campaigns.phase.${p.key}`)}\n${t('dashboard.deadlineShort', { date: p.deadline })}`,
        ),
        axisLabel: { width: isMobile ? 124 : 180, overflow: 'break', lineHeight: 15, fontSize: isMobile ? 11 : 12 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          showBackground: true,
          backgroundStyle: { color: '#f5f5f5' },
          label: {
            show: true,
            position: 'right',
            formatter: (x: { dataIndex: number }) => `${measured[x.dataIndex].done}/${measured[x.dataIndex].total}`,
          },
          data: measured.map((p) => ({
            value: p.percent ?? 0,
            itemStyle: { color: p.behind ? '#f5222d' : p.percent === 100 ? '#52c41a' : '#1d5fc4' },
          })),
        },
      ],
    };
    const cats = CATEGORIES.map((c) => t(`campaigns.category.${c}`));
    const verdicts: EChartsOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: {
        top: 0,
        type: 'scroll',
        data: [...VERDICTS.map((v) => t(`campaigns.verdict.${v}`)), t('dashboard.undecided')],
      },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cats },
      yAxis: { type: 'value', minInterval: 1 },
      series: [...VERDICTS, 'undecided' as const].map((v) => ({
        type: 'bar' as const,
        stack: 'verdicts',
        name: v === 'undecided' ? t('dashboard.undecided') : t(`campaigns.verdict.${v}`),
        itemStyle: { color: VERDICT_CHART_COLORS[v] },
        barMaxWidth: 40,
        data: CATEGORIES.map((c) => r.totals.byCategory[c][v]),
      })),
    };
    const beforeAfter: EChartsOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: {
        top: 0,
        type: 'scroll',
        data: [t('dashboard.before'), t('dashboard.plannedAfter'), t('dashboard.achievedAfter')],
      },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cats },
      yAxis: { type: 'value', minInterval: 1 },
      series: BEFORE_AFTER.map(([key, color]) => ({
        type: 'bar' as const,
        name: t(`dashboard.${key}`),
        itemStyle: { color },
        barMaxWidth: 26,
        label: { show: true, position: 'top' as const },
        data: CATEGORIES.map((c) => r.totals.byCategory[c][key]),
      })),
    };
    // The same figures as tables (the charts' text alternatives).
    const tables: Record<'progress' | 'phases' | 'verdicts' | 'beforeAfter', ChartData> = {
      progress: {
        columns: [t('dashboard.region'), ...STATUS_ORDER.map((s) => t(`campaigns.workflow.${s}`))],
        rows: r.children.map((c) => [c.regionName, ...STATUS_ORDER.map((s) => c.ledgers[s])]),
      },
      phases: {
        columns: [t('dashboard.phase'), t('dashboard.deadlineCol'), t('dashboard.doneCol'), t('dashboard.percentCol')],
        rows: measured.map((p) => [
          t(`campaigns.phase.${p.key}`),
          p.deadline,
          `${p.done}/${p.total}`,
          `${p.percent ?? 0}%${p.behind ? `（${t('dashboard.behind')}）` : ''}`,
        ]),
      },
      verdicts: {
        columns: [
          t('dashboard.category'),
          ...VERDICTS.map((v) => t(`campaigns.verdict.${v}`)),
          t('dashboard.undecided'),
        ],
        rows: CATEGORIES.map((c, i) => [
          cats[i],
          ...[...VERDICTS, 'undecided' as const].map((v) => r.totals.byCategory[c][v]),
        ]),
      },
      beforeAfter: {
        columns: [
          t('dashboard.category'),
          t('dashboard.before'),
          t('dashboard.plannedAfter'),
          t('dashboard.achievedAfter'),
        ],
        rows: CATEGORIES.map((c, i) => [
          cats[i],
          r.totals.byCategory[c].before,
          r.totals.byCategory[c].plannedAfter,
          r.totals.byCategory[c].achievedAfter,
        ]),
      },
    };
    return {
      progress,
      phases,
      verdicts,
      beforeAfter,
      tables,
      childCount: r.children.length,
      phaseCount: measured.length,
    };
  }, [r, t, isMobile]);

  if (isPending) return <PageSpin />;
  if (error) return <Result status="error" title={t('common.loadFailed')} subTitle={error.message} />;

  const drill = (c: RollupChild) => {
    if (villagesLevel) {
      const id = ledgerOf.get(c.regionCode);
      if (id) navigate(`/ledgers/${id}?campaign=${campaign?.id ?? ''}`);
      return;
    }
    setTrail((x) => [...x, { code: c.regionCode, name: c.regionName }]);
  };

  const doExport = async () => {
    if (!campaign || !r) return;
    setExporting(true);
    try {
      await exportConsolidated(campaign.id, region, `${r.region.name}${t('campaigns.export.summaryFile')}.xlsx`);
      message.success(t('dashboard.exported'));
    } catch {
      /* shown by the client */
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<RollupChild> = [
    {
      title: villagesLevel ? t('dashboard.village') : t('dashboard.region'),
      dataIndex: 'regionName',
      fixed: isMobile ? undefined : 'left',
      render: (v: string, c) =>
        villagesLevel ? (
          ledgerOf.get(c.regionCode) ? (
            <Link to={`/ledgers/${ledgerOf.get(c.regionCode)}?campaign=${campaign?.id ?? ''}`} data-testid="drill">
              {v}
            </Link>
          ) : (
            v
          )
        ) : (
          // Drilling down changes what this page shows: a button (reached by Tab, pressed with Enter).
          <Button type="link" size="small" onClick={() => drill(c)} data-testid="drill" className="jf-link-button">
            {v}
          </Button>
        ),
    },
    { title: t('dashboard.ledgers'), dataIndex: ['ledgers', 'total'], align: 'right' },
    ...STATUS_ORDER.map((s) => ({
      title: t(`campaigns.workflow.${s}`),
      dataIndex: ['ledgers', s],
      align: 'right' as const,
    })),
    { title: t('dashboard.rows'), dataIndex: 'rows', align: 'right' },
    ...CATEGORIES.map((k) => ({
      title: <span title={t('dashboard.beforeAfterTip')}>{t(`campaigns.category.${k}`)}</span>,
      key: k,
      align: 'right' as const,
      render: (_: unknown, c: RollupChild) => <span style={{ whiteSpace: 'nowrap' }}>{pair(c, k)}</span>,
    })),
    {
      title: t('dashboard.overdue'),
      dataIndex: 'overdueTasks',
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
  ];

  const rootName = trail.length ? (root.data?.region.name ?? '…') : r?.region.name;
  const totals = r?.totals;

  return (
    <PageContainer
      title={t('dashboard.title')}
      extra={
        <>
          <CampaignPicker
            campaigns={campaigns}
            value={campaign?.id}
            onChange={(id) => {
              setTrail([]);
              setCampaignId(id);
            }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void roll.refetch()}
            loading={roll.isFetching}
            aria-label={t('common.refresh')}
          >
            {isMobile ? null : t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            onClick={() => void doExport()}
            loading={exporting}
            disabled={!r}
            data-testid="export-consolidated"
          >
            {t('dashboard.export')}
          </Button>
        </>
      }
    >
      {!campaign ? (
        <NoCampaign />
      ) : !r ? (
        roll.error ? (
          <Result status="error" title={t('common.loadFailed')} subTitle={roll.error.message} />
        ) : (
          <PageSpin />
        )
      ) : (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Breadcrumb
              items={[
                {
                  title: trail.length ? (
                    <Button type="link" size="small" className="jf-link-button" onClick={() => setTrail([])}>
                      {rootName}
                    </Button>
                  ) : (
                    <span data-testid="dashboard-region">{rootName}</span>
                  ),
                },
                ...trail.map((n, i) => ({
                  title:
                    i === trail.length - 1 ? (
                      <span data-testid="dashboard-region">{n.name}</span>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        className="jf-link-button"
                        onClick={() => setTrail(trail.slice(0, i + 1))}
                      >
                        {n.name}
                      </Button>
                    ),
                })),
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {t('dashboard.asOf', { date: r.asOf })}
            </Typography.Text>
          </Flex>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8} sm={8} lg={4}>
              <Stat title={t('dashboard.statLedgers')} value={totals!.ledgers.total} testId="stat-ledgers" />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat
                title={t('dashboard.statApproved')}
                value={totals!.ledgers.approved}
                testId="stat-approved"
                color="#237804"
              />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat
                title={t('dashboard.statSubmitted')}
                value={totals!.ledgers.submitted}
                testId="stat-submitted"
                color="#1d5fc4"
              />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat
                title={t('dashboard.statReturnedStale')}
                value={totals!.ledgers.returned + totals!.ledgers.stale}
                testId="stat-returned"
                color="#ad4e00"
              />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat title={t('dashboard.statRows')} value={totals!.rows} testId="stat-rows" />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat
                title={t('dashboard.statOverdue')}
                value={totals!.overdueTasks.total}
                testId="stat-overdue"
                color={totals!.overdueTasks.total ? '#cf1322' : undefined}
              />
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={villagesLevel ? t('dashboard.chartProgressVillages') : t('dashboard.chartProgress')}
              >
                {charts && charts.childCount ? (
                  <ChartSlot
                    title={villagesLevel ? t('dashboard.chartProgressVillages') : t('dashboard.chartProgress')}
                    data={charts.tables.progress}
                    option={charts.progress}
                    height={Math.max(220, charts.childCount * 28 + 60)}
                    testId="chart-progress"
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noChildren')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('dashboard.chartPhases')}>
                {charts && charts.phaseCount ? (
                  <ChartSlot
                    title={t('dashboard.chartPhases')}
                    data={charts.tables.phases}
                    option={charts.phases}
                    height={Math.max(200, charts.phaseCount * 64 + 24)}
                    testId="chart-phases"
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', margin: 0 }}>
                  {t('dashboard.phasesNote')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('dashboard.chartVerdicts')}>
                {charts ? (
                  <ChartSlot
                    title={t('dashboard.chartVerdicts')}
                    data={charts.tables.verdicts}
                    option={charts.verdicts}
                    height={280}
                    testId="chart-verdicts"
                  />
                ) : null}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('dashboard.chartBeforeAfter')}>
                {charts ? (
                  <ChartSlot
                    title={t('dashboard.chartBeforeAfter')}
                    data={charts.tables.beforeAfter}
                    option={charts.beforeAfter}
                    height={280}
                    testId="chart-before-after"
                  />
                ) : null}
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', margin: 0 }}>
                  {t('dashboard.beforeAfterNote')}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('dashboard.overdueTitle', { n: totals!.overdueTasks.total })}
            style={{ marginBottom: 12 }}
            extra={<Link to={`/tasks?view=overdue&campaign=${campaign.id}`}>{t('dashboard.overdueAll')}</Link>}
            data-testid="overdue-card"
          >
            <Flex gap={6} wrap style={{ marginBottom: 8 }}>
              {CATEGORIES.map((c) => (
                <Tag key={c} color={totals!.overdueTasks.byCategory[c] ? 'error' : 'default'}>
                  {t(`campaigns.category.${c}`)} {totals!.overdueTasks.byCategory[c]}
                </Tag>
              ))}
            </Flex>
            {!painted ? (
              <div style={{ minHeight: 40 }} />
            ) : overdue.data?.items.length ? (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={overdue.data.items}
                columns={[
                  {
                    title: t('tasks.title'),
                    dataIndex: 'title',
                    render: (v: string, x) => <Link to={`/tasks/${x.id}`}>{v}</Link>,
                  },
                  { title: t('tasks.village'), dataIndex: 'villageName' },
                  { title: t('tasks.owner'), dataIndex: ['owner', 'name'] },
                  {
                    title: t('tasks.deadline'),
                    dataIndex: 'deadline',
                    render: (_: unknown, x) => <Deadline task={x} />,
                  },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('tasks.noOverdue')}</Typography.Text>
            )}
          </Card>
          <Card
            size="small"
            title={villagesLevel ? t('dashboard.tableVillages') : t('dashboard.tableRegions')}
            data-testid="drill-table"
          >
            {villagesLevel ? null : (
              <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('dashboard.drillHint')} />
            )}
            {painted ? (
              <Wide phone={isMobile} label={villagesLevel ? t('dashboard.tableVillages') : t('dashboard.tableRegions')}>
                <Table<RollupChild>
                  rowKey="regionCode"
                  size="small"
                  columns={columns}
                  dataSource={r.children}
                  loading={roll.isFetching}
                  pagination={r.children.length > 50 ? { pageSize: 50, size: 'small' } : false}
                  // On a phone the table scrolls inside a keyboard-scrollable region (Wide), not on its own.
                  scroll={isMobile ? undefined : { x: 'max-content' }}
                  style={isMobile ? { minWidth: 'max-content' } : undefined}
                  locale={{
                    emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noChildren')} />,
                  }}
                  summary={() =>
                    r.children.length > 1 ? (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0}>{t('dashboard.total')}</Table.Summary.Cell>
                        <Table.Summary.Cell index={1} align="right">
                          {totals!.ledgers.total}
                        </Table.Summary.Cell>
                        {STATUS_ORDER.map((s, i) => (
                          <Table.Summary.Cell key={s} index={2 + i} align="right">
                            {totals!.ledgers[s]}
                          </Table.Summary.Cell>
                        ))}
                        <Table.Summary.Cell index={7} align="right">
                          {totals!.rows}
                        </Table.Summary.Cell>
                        {CATEGORIES.map((k, i) => (
                          <Table.Summary.Cell key={k} index={8 + i} align="right">
                            {totals!.byCategory[k].before} → {totals!.byCategory[k].plannedAfter}
                          </Table.Summary.Cell>
                        ))}
                        <Table.Summary.Cell index={12} align="right">
                          {totals!.overdueTasks.total}
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    ) : null
                  }
                />
              </Wide>
            ) : (
              <div style={{ minHeight: 200 }} />
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', margin: '8px 0 0' }}>
              {t('dashboard.beforeAfterTip')}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </PageContainer>
  );
}
