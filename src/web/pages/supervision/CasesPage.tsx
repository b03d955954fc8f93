import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Col, Flex, Input, Row, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { ResponsiveList } from '../../components/ResponsiveList.js';
import { fmtTime } from '../../components/format.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';
import { useI18n } from '../../i18n/index.js';
import { CASE_STATUSES, CATEGORIES, type Case, type CaseQuery } from '../../../shared/supervision.js';
import { listCases, supervisionKeys } from './supervision.api.js';

export function CaseStatusTag({ c }: { c: Pick<Case, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap>
      <Tag
        color={c.status === 'closed' || c.status === 'merged' ? 'default' : c.status === 'answered' ? 'green' : 'blue'}
      >
        {t(`supervision.status.${c.status}`)}
      </Tag>
      {c.overdue ? <Tag color="red">{t('supervision.cases.overdue')}</Tag> : null}
    </Flex>
  );
}

/**
 * 举报案件: the district handler's cases (every case of its area) or a township's or department's (the cases
 * assigned to it), by status, category, overdue and text; newest first.
 */
export default function CasesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const access = accessOf(useMe().data);
  const [filter, setFilter] = useState<CaseQuery>({});
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const list = useQuery({
    queryKey: supervisionKeys.cases(filter, page, pageSize),
    queryFn: () => listCases(filter, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<CaseQuery>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const columns: TableColumnsType<Case> = [
    {
      title: t('supervision.cases.code'),
      dataIndex: 'code',
      render: (v: string, r) => (
        <Link to={`/supervision/cases/${r.id}`} className="jf-mono">
          {v}
        </Link>
      ),
    },
    {
      title: t('supervision.cases.category'),
      dataIndex: 'category',
      render: (v: Case['category']) => t(`supervision.category.${v}`),
    },
    { title: t('supervision.cases.village'), dataIndex: 'regionName' },
    { title: t('supervision.cases.body'), dataIndex: 'bodyConcerned' },
    { title: t('supervision.cases.status'), key: 'status', render: (_: unknown, r) => <CaseStatusTag c={r} /> },
    { title: t('supervision.cases.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
    { title: t('supervision.cases.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
    {
      title: t('supervision.cases.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(v)}</span>,
    },
  ];
  return (
    <PageContainer title={t('supervision.cases.title')}>
      <Alert
        type="info"
        showIcon
        title={access.canHandleSupervision ? t('supervision.cases.noteDistrict') : t('supervision.cases.noteAssignee')}
        style={{ marginBottom: 16 }}
      />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={6}>
            <Select
              allowClear={CLEARABLE}
              style={{ width: '100%' }}
              aria-label={t('supervision.cases.status')}
              placeholder={t('supervision.cases.status')}
              options={CASE_STATUSES.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
              onChange={(status) => set({ status })}
              data-testid="cases-status"
            />
          </Col>
          <Col xs={24} md={6}>
            <Select
              allowClear={CLEARABLE}
              style={{ width: '100%' }}
              aria-label={t('supervision.cases.category')}
              placeholder={t('supervision.cases.category')}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`supervision.category.${c}`) }))}
              onChange={(category) => set({ category })}
            />
          </Col>
          <Col xs={24} md={8}>
            <Input.Search
              allowClear={CLEARABLE}
              aria-label={t('supervision.cases.search')}
              placeholder={t('supervision.cases.search')}
              onSearch={(q) => set({ q: q.trim() || undefined })}
              data-testid="cases-search"
            />
          </Col>
          <Col xs={24} md={4}>
            <Checkbox onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
              {t('supervision.cases.overdueOnly')}
            </Checkbox>
          </Col>
        </Row>
      </Card>
      <Card>
        <ResponsiveList<Case>
          data={list.data}
          loading={list.isFetching}
          paging={paging}
          columns={columns}
          onOpen={(c) => navigate(`/supervision/cases/${c.id}`)}
          empty={t('supervision.cases.empty')}
          testId="cases"
          card={(c) => (
            <div>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong className="jf-mono">
                  {c.code}
                </Typography.Text>
                <CaseStatusTag c={c} />
              </Flex>
              <div>{t(`supervision.category.${c.category}`)}</div>
              <Typography.Text type="secondary" style={{ fontSize: '0.8125rem' }}>
                {c.regionName} · {c.bodyConcerned}
                {c.dueOn ? ` · ${t('supervision.cases.dueOn')} ${c.dueOn}` : ''}
              </Typography.Text>
            </div>
          )}
        />
      </Card>
    </PageContainer>
  );
}
