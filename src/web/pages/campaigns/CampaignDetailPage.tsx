import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Result,
  Row,
  Table,
  Typography,
} from 'antd';
import { BarChartOutlined, RedoOutlined, RocketOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { isApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { CATEGORIES, type Category } from '../../../shared/campaigns.codes.js';
import {
  campaignKeys,
  getCampaign,
  getChanges,
  isLaunching,
  launchCampaign,
  listCampaigns,
  updateCampaign,
  type Campaign,
} from './campaigns.api.js';
import { CampaignFormModal } from './CampaignFormModal.js';
import { CampaignStatusTag } from './CampaignsPage.js';

/** Launch: the button, then a progress bar fed by the launch job's record (polled every second). */
function LaunchCard({ c, onLaunched }: { c: Campaign; onLaunched: () => Promise<unknown> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const launching = isLaunching(c);
  const l = c.launch;
  const percent = l && l.total > 0 ? Math.floor((l.progress / l.total) * 100) : launching ? 0 : 100;
  return (
    <Card title={t('campaigns.launchTitle')} size="small" style={{ marginBottom: 16 }} data-testid="launch-card">
      {c.status === 'draft' ? (
        <Flex vertical gap={8}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('campaigns.launchNote', { region: c.regionName })}
          </Typography.Paragraph>
          {c.abilities.launch ? (
            <Popconfirm
              title={t('campaigns.launchConfirm', { region: c.regionName })}
              onConfirm={async () => {
                setBusy(true);
                try {
                  await launchCampaign(c.id, c.version);
                } catch {
                  /* shown by the client */
                } finally {
                  await onLaunched();
                  setBusy(false);
                }
              }}
            >
              <Button
                type="primary"
                icon={<RocketOutlined />}
                loading={busy}
                data-testid="launch"
                style={{ alignSelf: 'flex-start' }}
              >
                {t('campaigns.launch')}
              </Button>
            </Popconfirm>
          ) : (
            <Typography.Text type="secondary">{t('campaigns.launchNotAllowed')}</Typography.Text>
          )}
        </Flex>
      ) : null}
      {l ? (
        <div data-testid="launch-progress">
          <Progress
            percent={percent}
            status={l.status === 'failed' ? 'exception' : launching ? 'active' : 'success'}
            aria-label={t('common.progress')}
          />
          <Typography.Text type="secondary">
            {l.total ? t('campaigns.launchCount', { done: l.progress, total: l.total }) : ''}
          </Typography.Text>
          {l.error ? (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              title={t('campaigns.launchFailed')}
              description={l.error.message}
            />
          ) : null}
        </div>
      ) : null}
      {c.status === 'active' && !launching ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title={t('campaigns.launched', { n: c.ledgerCount, time: c.launchedAt ? fmtTime(c.launchedAt) : '' })}
        />
      ) : null}
    </Card>
  );
}

/** Phase deadlines; the district lead may move them (open clean-up tasks follow their phase's date). */
function PhasesCard({ c, onSaved }: { c: Campaign; onSaved: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const [dates, setDates] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => setDates(Object.fromEntries(c.phases.map((p) => [p.key, p.deadline]))), [c]);
  const changed = c.phases.filter((p) => dates[p.key] && dates[p.key] !== p.deadline);
  const moved = c.phases.filter((p) => p.movedFrom);
  return (
    <Card
      title={t('campaigns.phases')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        c.abilities.edit && changed.length ? (
          <Button
            type="primary"
            size="small"
            icon={<SaveOutlined />}
            loading={busy}
            data-testid="save-deadlines"
            onClick={async () => {
              setBusy(true);
              try {
                await updateCampaign(c.id, {
                  phases: changed.map((p) => ({ key: p.key, deadline: dates[p.key] })),
                  version: c.version,
                });
                message.success(t('campaigns.deadlinesSaved'));
              } catch {
                /* shown by the client */
              } finally {
                await onSaved();
                setBusy(false);
              }
            }}
          >
            {t('campaigns.saveDeadlines')}
          </Button>
        ) : null
      }
    >
      {moved.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="phases-moved"
          title={t('campaigns.phaseMoved')}
          description={moved.map((p) => (
            <div key={p.key}>
              {t('campaigns.phaseMovedItem', {
                phase: t(`campaigns.phase.${p.key}`),
                from: p.movedFrom ?? '',
                to: p.deadline,
              })}
            </div>
          ))}
        />
      ) : null}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={c.phases}
        columns={[
          {
            title: t('campaigns.phase'),
            dataIndex: 'key',
            render: (_: unknown, p) => t(`campaigns.phase.${p.key}`),
          },
          {
            title: t('campaigns.clause'),
            dataIndex: 'clause',
            render: (v: string) => <span className="jf-mono">{v}</span>,
          },
          {
            title: t('campaigns.categories'),
            dataIndex: 'categories',
            render: (v: Category[]) =>
              v.length ? v.map((k) => t(`campaigns.category.${k}`)).join(t('campaigns.listSeparator')) : '—',
          },
          {
            title: t('campaigns.deadline'),
            dataIndex: 'deadline',
            render: (v: string, p) =>
              c.abilities.edit ? (
                <DatePicker
                  allowClear={false}
                  aria-label={`${t(`campaigns.phase.${p.key}`)} ${t('campaigns.deadline')}`}
                  value={dayjs(dates[p.key] ?? v)}
                  onChange={(d) => d && setDates((x) => ({ ...x, [p.key]: d.format('YYYY-MM-DD') }))}
                  style={{ width: 150 }}
                />
              ) : (
                <span className="jf-mono">{v}</span>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** Next cycle: how many rows are new, changed, unchanged, and last cycle's rows not carried over. */
function ChangesCard({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const ready = c.status === 'active' || c.status === 'closed';
  const q = useQuery({
    queryKey: [...campaignKeys.changes(c.id), c.status],
    queryFn: () => getChanges(c.id),
    enabled: ready,
  });
  return (
    <Card title={t('campaigns.changesTitle')} size="small" style={{ marginBottom: 16 }} data-testid="changes-card">
      {!ready ? (
        <Typography.Text type="secondary">{t('campaigns.changesAfterLaunch')}</Typography.Text>
      ) : q.error ? (
        <Typography.Text type="danger">{q.error.message}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="category"
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={q.data ? CATEGORIES.map((k) => ({ category: k, ...q.data.byCategory[k] })) : []}
          columns={[
            {
              title: t('campaigns.category'),
              dataIndex: 'category',
              render: (k: Category) => t(`campaigns.category.${k}`),
            },
            ...(['new', 'changed', 'unchanged', 'removed'] as const).map((k) => ({
              title: t(`campaigns.change.${k}`),
              dataIndex: k,
              align: 'right' as const,
            })),
          ]}
        />
      )}
    </Card>
  );
}

/** 专项行动 detail: facts, launch and its progress, phase deadlines, changes since the last cycle. */
export default function CampaignDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [nextOpen, setNextOpen] = useState(false);
  const q = useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: () => getCampaign(id),
    refetchInterval: (query) => (query.state.data && isLaunching(query.state.data) ? 1000 : false),
  });
  const all = useQuery({ queryKey: campaignKeys.list, queryFn: listCampaigns, staleTime: 30_000 });
  const c = q.data;
  const wasLaunching = c ? isLaunching(c) : false;
  useEffect(() => {
    // When the launch finishes, the lists (ledger counts, pickers) are stale.
    if (c && !wasLaunching) void qc.invalidateQueries({ queryKey: campaignKeys.list });
  }, [c, wasLaunching, qc]);

  if (q.isPending) return <PageSpin />;
  if (q.error || !c)
    return (
      <Result
        status={isApiError(q.error) && q.error.status === 404 ? '404' : 'error'}
        title={isApiError(q.error) && q.error.status === 404 ? t('campaigns.notFound') : t('common.loadFailed')}
        subTitle={q.error?.message}
      />
    );

  const refresh = () => qc.invalidateQueries({ queryKey: campaignKeys.all });
  const previous = all.data?.find((x) => x.id === c.previousCampaignId);

  return (
    <PageContainer
      title={c.name}
      extra={
        <>
          {c.status !== 'draft' ? (
            <Button icon={<BarChartOutlined />} onClick={() => navigate(`/dashboard?campaign=${c.id}`)}>
              {t('menu.dashboard')}
            </Button>
          ) : null}
          {c.abilities.manage && (c.status === 'active' || c.status === 'closed') ? (
            <Button icon={<RedoOutlined />} onClick={() => setNextOpen(true)}>
              {t('campaigns.nextCycle')}
            </Button>
          ) : null}
        </>
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: isMobile ? 96 : 120 } }}
              items={[
                { key: 'status', label: t('campaigns.status'), children: <CampaignStatusTag c={c} /> },
                { key: 'region', label: t('campaigns.region'), children: `${c.regionName}（${c.regionCode}）` },
                { key: 'year', label: t('campaigns.year'), children: c.year },
                {
                  key: 'ledgers',
                  label: t('campaigns.ledgerCount'),
                  children: <span data-testid="ledger-count">{c.ledgerCount}</span>,
                },
                {
                  key: 'previous',
                  label: t('campaigns.previous'),
                  children: c.previousCampaignId ? (
                    <Link to={`/campaigns/${c.previousCampaignId}`}>{previous?.name ?? c.previousCampaignId}</Link>
                  ) : (
                    t('campaigns.previousNone')
                  ),
                },
                { key: 'created', label: t('campaigns.createdAt'), children: fmtTime(c.createdAt) },
              ]}
            />
          </Card>
          <LaunchCard c={c} onLaunched={refresh} />
        </Col>
        <Col xs={24} lg={14}>
          <PhasesCard c={c} onSaved={refresh} />
          {c.previousCampaignId ? (
            <ChangesCard c={c} />
          ) : (
            <Card size="small" style={{ marginBottom: 16 }}>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.firstCycle')} />
            </Card>
          )}
        </Col>
      </Row>
      <CampaignFormModal open={nextOpen} previous={c} campaigns={all.data ?? []} onClose={() => setNextOpen(false)} />
    </PageContainer>
  );
}
