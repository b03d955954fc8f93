import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, Card, Col, Collapse, Descriptions, Empty, Flex, Row, Table, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { REGION_LEVEL_LABELS, ROLE_LABELS } from '../../../shared/roles.js';
import type { LateRegion, Todo, Workbench } from '../../../shared/workbench.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { PERMISSION_LABELS } from '../../i18n/permissions.js';

const getWorkbench = () => api<Workbench>('/api/workbench');

/**
 * 工作台: what waits for me, in my region scope — a card per to-do with its count, the nearest deadline
 * and one click to the list (filtered where the page takes a filter); for the district, what is late
 * where. My profile and grants fold into a small section below. No rankings, no activity counters.
 */
export default function HomePage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const bench = useQuery({ queryKey: ['workbench'], queryFn: getWorkbench, staleTime: 15_000 });
  if (!me) return <PageSpin />;

  return (
    <PageContainer title={t('home.title')}>
      <Typography.Paragraph style={{ fontSize: '1rem' }}>
        {t('home.welcome', { name: me.displayName })}
        {me.region ? <Typography.Text type="secondary">（{me.region.name}）</Typography.Text> : null}
      </Typography.Paragraph>
      <section aria-label={t('workbench.todos')} data-testid="workbench">
        {bench.isPending ? (
          <PageSpin />
        ) : bench.error ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={bench.error.message} />
        ) : bench.data.items.length === 0 && bench.data.late.length === 0 ? (
          <Card>
            <Empty description={t('workbench.empty')} data-testid="workbench-empty">
              <Typography.Text type="secondary">{t('workbench.emptyHint')}</Typography.Text>
            </Empty>
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {bench.data.items.map((item) => (
              <Col key={`${item.kind}-${item.campaignId ?? ''}`} xs={24} sm={12} xl={8}>
                <TodoCard item={item} />
              </Col>
            ))}
            {bench.data.late.map((l) => (
              <Col key={l.campaignId} xs={24}>
                <LateCard title={`${t('workbench.late')} · ${l.campaignName}`} regions={l.regions} />
              </Col>
            ))}
          </Row>
        )}
      </section>
      <Collapse
        style={{ marginTop: 24 }}
        size="small"
        items={[{ key: 'me', label: t('workbench.myAccount'), children: <Profile /> }]}
      />
    </PageContainer>
  );
}

function TodoCard({ item }: { item: Todo }) {
  const { t } = useI18n();
  const title = t(`workbench.todo.${item.kind}`);
  return (
    <Link to={item.link} data-testid={`todo-${item.kind}`}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Flex justify="space-between" align="center" gap={12}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{title}</Typography.Text>
            {item.campaignName ? (
              <div>
                <Typography.Text type="secondary">{item.campaignName}</Typography.Text>
              </div>
            ) : null}
            {item.deadline ? (
              <div>
                <Tag color={item.overdue ? 'red' : 'blue'} style={{ marginTop: 6 }}>
                  {t(item.overdue ? 'workbench.overdue' : 'workbench.deadline', { date: item.deadline })}
                </Tag>
              </div>
            ) : null}
          </div>
          <Flex align="center" gap={8}>
            <span style={{ fontSize: 28, fontWeight: 600 }} data-testid="todo-count">
              {item.count}
            </span>
            <RightOutlined aria-hidden />
          </Flex>
        </Flex>
      </Card>
    </Link>
  );
}

function LateCard({ title, regions }: { title: string; regions: LateRegion[] }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} data-testid="workbench-late">
      <Table<LateRegion>
        size="small"
        rowKey="regionCode"
        pagination={false}
        dataSource={regions}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('workbench.lateRegion'),
            dataIndex: 'regionName',
            render: (_: unknown, r) => <Link to={r.link}>{r.regionName}</Link>,
          },
          { title: t('workbench.lateLedgers'), dataIndex: 'lateLedgers', align: 'right' },
          { title: t('workbench.overdueTasks'), dataIndex: 'overdueTasks', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** Who I am, where I sit, what I hold: the former home page, folded. */
function Profile() {
  const { t } = useI18n();
  const label = useLabel();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        items={[
          { key: 'username', label: t('home.username'), children: <span className="jf-mono">{me.username}</span> },
          { key: 'region', label: t('home.region'), children: me.region?.name ?? t('common.none') },
          { key: 'department', label: t('home.department'), children: me.department?.name ?? t('common.none') },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        {me.grants.length === 0
          ? t('home.noGrants')
          : me.grants.map((g) => (
              <Tag color="blue" key={`${g.role}-${g.regionCode}`}>
                {label(ROLE_LABELS[g.role], g.roleLabel)} · {g.regionName} · {label(REGION_LEVEL_LABELS[g.level])}
              </Tag>
            ))}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('home.scopeNote')}</Typography.Paragraph>
      <div>
        {me.permissions.map((p) => (
          <Tag key={p} style={{ marginBottom: 8 }}>
            {label(PERMISSION_LABELS[p], p)}
          </Tag>
        ))}
      </div>
    </>
  );
}
