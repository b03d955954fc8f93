import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Segmented,
  Select,
  Spin,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { SimpleList } from '../../components/SimpleList.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { CATEGORIES, TASK_STATUSES, type Category, type TaskStatus } from '../../../shared/campaigns.codes.js';
import { VERDICT_COLORS } from '../campaigns/campaigns.colors.js';
import { CampaignPicker, useCampaignChoice } from '../campaigns/CampaignPicker.js';
import { listTasks, taskKeys, type Task, type TaskFilter } from './tasks.api.js';
import { Deadline, TaskStatusTag } from './TaskBits.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

type View = 'board' | 'overdue' | 'list';

function TaskCard({ task }: { task: Task }) {
  const { t } = useI18n();
  return (
    <Link to={`/tasks/${task.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="task-card">
      <Card
        size="small"
        hoverable
        style={{ borderInlineStart: task.overdue ? '3px solid #ff4d4f' : undefined }}
        styles={{ body: { padding: 10 } }}
      >
        <Typography.Text strong style={{ display: 'block' }}>
          {task.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem', display: 'block' }}>
          {task.villageName ?? ''} · {t('tasks.owner')}：{task.owner.name}
        </Typography.Text>
        <Flex justify="space-between" align="center" wrap gap={4} style={{ marginTop: 4 }}>
          <span>
            <Badge
              color={VERDICT_COLORS[task.verdict]}
              text={<span style={{ fontSize: '0.75rem' }}>{t(`campaigns.verdict.${task.verdict}`)}</span>}
            />
            {task.evidenceCount ? (
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem', marginInlineStart: 8 }}>
                <PaperClipOutlined /> {task.evidenceCount}
              </Typography.Text>
            ) : null}
          </span>
          <Deadline task={task} />
        </Flex>
      </Card>
    </Link>
  );
}

function BoardColumn({ status, base }: { status: TaskStatus; base: TaskFilter }) {
  const { t } = useI18n();
  const f = { ...base, status };
  const q = useQuery({
    queryKey: taskKeys.list(f, 1, 50),
    queryFn: () => listTasks(f, 1, 50),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={
        <span>
          {t(`campaigns.taskStatus.${status}`)}{' '}
          <Badge
            count={q.data?.total ?? 0}
            showZero
            color={status === 'open' ? '#1d5fc4' : '#595959'}
            overflowCount={9999}
          />
        </span>
      }
      style={{ background: '#fafafa', height: '100%' }}
      styles={{ body: { padding: 8 } }}
      data-testid={`board-${status}`}
    >
      <Spin spinning={q.isFetching}>
        {items.length ? (
          <Flex vertical gap={8}>
            {items.map((task) => (
              <TaskCard key={task.id} task={task} />
            ))}
            {(q.data?.total ?? 0) > items.length ? (
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem', textAlign: 'center' }}>
                {t('tasks.moreInList', { n: (q.data?.total ?? 0) - items.length })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.emptyColumn')} />
        )}
      </Spin>
    </Card>
  );
}

function TaskTable({ filter, testId, empty }: { filter: TaskFilter; testId: string; empty: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { page, pageSize, pagination } = usePaging();
  const q = useQuery({
    queryKey: taskKeys.list(filter, page, pageSize),
    queryFn: () => listTasks(filter, page, pageSize),
    placeholderData: keepPreviousData,
  });
  if (isMobile)
    return (
      <SimpleList
        items={q.data?.items ?? []}
        rowKey={(x) => x.id}
        loading={q.isFetching}
        testId={testId}
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />}
        onClick={(x) => navigate(`/tasks/${x.id}`)}
        render={(x) => (
          <Flex vertical gap={2}>
            <Typography.Text strong>{x.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {x.villageName ?? ''} · {x.owner.name}
            </Typography.Text>
            <Flex gap={4} wrap align="center">
              <TaskStatusTag task={x} />
              <Deadline task={x} />
            </Flex>
          </Flex>
        )}
      />
    );
  const columns: TableColumnsType<Task> = [
    { title: t('tasks.title'), dataIndex: 'title', render: (v: string, x) => <Link to={`/tasks/${x.id}`}>{v}</Link> },
    {
      title: t('tasks.category'),
      dataIndex: 'category',
      render: (v: Category) => t(`campaigns.category.${v}`),
    },
    { title: t('tasks.village'), dataIndex: 'villageName', render: (v: string | null) => v ?? '—' },
    { title: t('tasks.owner'), dataIndex: 'owner', render: (_: unknown, x) => x.owner.name },
    { title: t('tasks.deadline'), dataIndex: 'deadline', render: (_: unknown, x) => <Deadline task={x} /> },
    { title: t('tasks.status'), dataIndex: 'status', render: (_: unknown, x) => <TaskStatusTag task={x} /> },
    { title: t('tasks.evidence'), dataIndex: 'evidenceCount', align: 'right' },
  ];
  return (
    <Table<Task>
      rowKey="id"
      data-testid={testId}
      size="middle"
      columns={columns}
      dataSource={q.data?.items ?? []}
      loading={q.isFetching}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={pagination(q.data?.total ?? 0, { showSizeChanger: true, size: undefined })}
    />
  );
}

/**
 * 整改任务: every row judged non-compliant in an approved ledger, by status columns; the overdue list
 * (open tasks past their phase's deadline, counted whether or not anything was closed); a full list.
 */
export default function TasksPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { campaigns, campaign, setCampaignId, isPending, error } = useCampaignChoice();
  const view = (params.get('view') as View | null) ?? 'board';
  const [category, setCategory] = useState<Category | undefined>();
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [mine, setMine] = useState(false);

  if (isPending) return <PageSpin />;
  if (error) return <Result status="error" title={t('common.loadFailed')} subTitle={error.message} />;

  const base: TaskFilter = { campaignId: campaign?.id, category, mine: mine || undefined };
  const setView = (v: View) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('view', v);
        return next;
      },
      { replace: true },
    );

  return (
    <PageContainer
      title={t('tasks.pageTitle')}
      extra={
        campaigns.length > 1 ? (
          <CampaignPicker campaigns={campaigns} value={campaign?.id} onChange={setCampaignId} />
        ) : undefined
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('tasks.note')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'board', label: t('tasks.viewBoard') },
              { value: 'overdue', label: t('tasks.viewOverdue') },
              { value: 'list', label: t('tasks.viewList') },
            ]}
            data-testid="task-view"
          />
          <Select
            allowClear={CLEARABLE}
            placeholder={t('tasks.allCategories')}
            aria-label={t('tasks.category')}
            value={category}
            onChange={setCategory}
            style={{ width: 150 }}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`campaigns.category.${c}`) }))}
          />
          {view === 'list' ? (
            <Select
              allowClear={CLEARABLE}
              placeholder={t('tasks.allStatuses')}
              aria-label={t('tasks.status')}
              value={status}
              onChange={setStatus}
              style={{ width: 130 }}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`campaigns.taskStatus.${s}`) }))}
            />
          ) : null}
          <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
            {t('tasks.mine')}
          </Checkbox>
        </Flex>
      </Card>
      {view === 'board' ? (
        <Row gutter={[12, 12]}>
          {TASK_STATUSES.map((s) => (
            <Col xs={24} md={8} key={s}>
              <BoardColumn status={s} base={base} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card size="small">
          {view === 'overdue' ? (
            <TaskTable
              key="overdue"
              filter={{ ...base, overdue: true }}
              testId="overdue-table"
              empty={t('tasks.noOverdue')}
            />
          ) : (
            <TaskTable key="list" filter={{ ...base, status }} testId="task-table" empty={t('tasks.empty')} />
          )}
        </Card>
      )}
    </PageContainer>
  );
}
