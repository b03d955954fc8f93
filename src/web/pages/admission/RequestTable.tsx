import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
} from '../../../shared/admission.codes.js';
import { admissionKeys, listRequests } from './admission.api.js';
import type { RequestFilter, RequestSummary } from '../../../shared/admission.js';
import { OutcomeTag, StatusTag, useRequestColumns } from './AdmissionTags.js';
import { usePaging } from '../../components/usePaging.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

/** The paged list of admission requests with a small filter bar; shared by 准入申请 and 准入审核. */
export function RequestTable({
  base,
  showDepartment,
  showFilters = true,
  testId,
}: {
  base: RequestFilter;
  showDepartment?: boolean;
  showFilters?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const requestColumns = useRequestColumns(isMobile);
  const [form] = Form.useForm<{ q?: string; status?: RequestStatus; kind?: RequestKind }>();
  // `?status=` in the address (the workbench's links) starts the list filtered.
  const [params] = useSearchParams();
  const initialStatus = REQUEST_STATUSES.find((s) => s === params.get('status'));
  const [filter, setFilter] = useState<RequestFilter>({ status: initialStatus });
  const { page, pageSize, setPage, pagination } = usePaging();
  const merged = { ...filter, ...base };
  const rows = useQuery({
    queryKey: admissionKeys.list(merged, page, pageSize),
    queryFn: () => listRequests(merged, page, pageSize),
    placeholderData: keepPreviousData,
  });

  const filterSelect = (name: 'status' | 'kind', label: string, options: { value: string; label: string }[]) => (
    <Col xs={12} sm={6} lg={5}>
      <Form.Item name={name} label={label}>
        <Select allowClear={CLEARABLE} placeholder={t('audit.all')} popupMatchSelectWidth={false} options={options} />
      </Form.Item>
    </Col>
  );

  const columns: TableColumnsType<RequestSummary> = [
    ...requestColumns,
    ...(showDepartment ? [{ title: t('admission.list.department'), dataIndex: 'departmentName' }] : []),
    {
      title: t('admission.list.status'),
      dataIndex: 'status',
      render: (_: unknown, r: RequestSummary) => (
        <Flex gap={4} wrap>
          <StatusTag status={r.status} />
          {r.needsGovernment ? (
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              {t('admission.list.s73')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('admission.list.precheck'),
      dataIndex: 'precheckOutcome',
      render: (_: unknown, r: RequestSummary) => (r.precheckOutcome ? <OutcomeTag outcome={r.precheckOutcome} /> : '—'),
    },
    {
      title: t('admission.list.currentStep'),
      dataIndex: 'currentStep',
      render: (_: unknown, r: RequestSummary) =>
        r.currentStep ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {t(`admission.step.${r.currentStep}`)}
            {r.currentStepDueOn ? (
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {' '}
                · {t('admission.list.due', { date: r.currentStepDueOn })}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('admission.form.targets'),
      dataIndex: 'targetNames',
      render: (_: unknown, r: RequestSummary) => (
        <span>
          {r.targetNames.join('、')}
          {r.targetCount > r.targetNames.length ? t('admission.list.moreTargets', { n: r.targetCount }) : ''}
        </span>
      ),
    },
    {
      title: t('admission.detail.period'),
      dataIndex: 'startsOn',
      render: (_: unknown, r: RequestSummary) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.startsOn} — {r.endsOn}
        </span>
      ),
    },
    {
      title: t('admission.list.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(v)}</span>,
    },
  ];

  return (
    <>
      {showFilters ? (
        <Card style={{ marginBottom: 16 }} size="small">
          <Form
            form={form}
            initialValues={{ status: initialStatus }}
            layout="vertical"
            onFinish={(v) => {
              setFilter({ q: v.q?.trim() || undefined, status: v.status, kind: v.kind });
              setPage(1);
            }}
          >
            <Row gutter={[12, 0]}>
              <Col xs={24} sm={12} lg={7}>
                <Form.Item name="q" label={t('admission.list.q')}>
                  <Input allowClear={CLEARABLE} maxLength={50} placeholder={t('admission.list.qPlaceholder')} />
                </Form.Item>
              </Col>
              {filterSelect(
                'status',
                t('admission.list.status'),
                REQUEST_STATUSES.map((c) => ({ value: c, label: t(`admission.status.${c}`) })),
              )}
              {filterSelect(
                'kind',
                t('admission.form.kind'),
                REQUEST_KINDS.map((c) => ({ value: c, label: t(`admission.kind.${c}`) })),
              )}
              <Col xs={24} lg={7} style={{ display: 'flex', alignItems: 'flex-end' }}>
                <Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                      {t('common.search')}
                    </Button>
                    <Button
                      onClick={() => {
                        form.resetFields();
                        setFilter({});
                        setPage(1);
                      }}
                    >
                      {t('common.reset')}
                    </Button>
                  </Space>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>
      ) : null}
      <Card size="small">
        <Table<RequestSummary>
          rowKey="id"
          data-testid={testId}
          columns={columns}
          dataSource={rows.data?.items ?? []}
          loading={rows.isFetching}
          scroll={{ x: 'max-content' }}
          size={isMobile ? 'small' : 'middle'}
          locale={{ emptyText: t(base.queue === 'awaiting' ? 'admission.review.empty' : 'admission.list.empty') }}
          pagination={pagination(rows.data?.total ?? 0)}
        />
      </Card>
    </>
  );
}
