import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { CHANNEL_LABELS, CHANNELS, type Channel } from './admission.labels.js';
import {
  admissionKeys,
  createFlag,
  flagsByDepartment,
  listFlags,
  listNamableDepartments,
  type DepartmentCount,
  type Flag,
} from './admission.api.js';
import { usePaging } from '../../components/usePaging.js';

const OTHER = '__other__';

interface FlagForm {
  departmentId?: string;
  departmentName?: string;
  taskTitle?: string;
  description?: string;
  channel?: Channel;
  receivedOn?: Dayjs;
}

/**
 * 未经准入事项: a village flags a task that reached it without admission, naming the department; the
 * township and the district see the flags in their area and the count per department; a department
 * sees the flags naming it (without the cadre's name).
 */
export default function FlagsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { data: me } = useMe();
  const access = accessOf(me);
  const { page, pageSize, pagination } = usePaging();
  const flags = useQuery({
    queryKey: admissionKeys.flags(page, pageSize),
    queryFn: () => listFlags(page, pageSize),
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: admissionKeys.flagCounts,
    queryFn: flagsByDepartment,
    enabled: !access.canFlagAdmission,
  });

  const columns: TableColumnsType<Flag> = [
    {
      title: t('admission.flags.receivedOn'),
      dataIndex: 'receivedOn',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: t('admission.flags.taskTitle'),
      dataIndex: 'taskTitle',
      render: (v: string, r) => (
        <div style={{ minWidth: 160, maxWidth: 320 }}>
          {v}
          {r.description ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {r.description}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('admission.flags.department'), dataIndex: 'departmentName' },
    {
      title: t('admission.flags.channel'),
      dataIndex: 'channel',
      render: (v: string) => label(CHANNEL_LABELS[v as Channel], v),
    },
    { title: t('admission.flags.village'), dataIndex: 'regionName' },
    { title: t('admission.flags.flaggedBy'), dataIndex: 'flaggedByName' },
    {
      title: t('admission.flags.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(v)}</span>,
    },
    {
      title: t('admission.flags.status'),
      dataIndex: 'status',
      render: (v: string) => (
        <Tag color={v === 'open' ? 'orange' : 'default'}>{v === 'open' ? t('admission.flags.open') : v}</Tag>
      ),
    },
  ];

  return (
    <PageContainer title={t('admission.flags.pageTitle')}>
      <Alert
        type="info"
        showIcon
        title={access.canFlagAdmission ? t('admission.flags.villageNote') : t('admission.flags.readerNote')}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]}>
        {access.canFlagAdmission ? (
          <Col xs={24} xl={9}>
            <FlagFormCard />
          </Col>
        ) : (
          <Col xs={24} xl={9}>
            <Card size="small" title={t('admission.flags.byDepartment')} data-testid="flag-counts">
              <Table<DepartmentCount>
                size="small"
                rowKey={(r) => r.departmentId ?? r.departmentName}
                pagination={false}
                loading={counts.isFetching}
                dataSource={counts.data?.items ?? []}
                locale={{ emptyText: t('admission.flags.empty') }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('admission.flags.department'), dataIndex: 'departmentName' },
                  {
                    title: t('admission.flags.count'),
                    dataIndex: 'count',
                    align: 'right',
                    render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
                  },
                  {
                    title: t('admission.flags.last'),
                    dataIndex: 'lastReceivedOn',
                    render: (v: string | null) => v ?? '—',
                  },
                ]}
                summary={() =>
                  counts.data?.items.length ? (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>{t('admission.flags.total')}</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        <Typography.Text strong>{counts.data.total}</Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={2} />
                    </Table.Summary.Row>
                  ) : null
                }
              />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={15}>
          <Card size="small" title={access.canFlagAdmission ? t('admission.flags.mine') : t('admission.flags.list')}>
            <Table<Flag>
              rowKey="id"
              data-testid="flag-table"
              columns={columns}
              dataSource={flags.data?.items ?? []}
              loading={flags.isFetching}
              scroll={{ x: 'max-content' }}
              size="small"
              locale={{ emptyText: t('admission.flags.empty') }}
              pagination={pagination(flags.data?.total ?? 0, { size: 'small' })}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}

function FlagFormCard() {
  const { t } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<FlagForm>();
  const departments = useQuery({
    queryKey: admissionKeys.departments,
    queryFn: listNamableDepartments,
    staleTime: 5 * 60_000,
  });
  const deptId = Form.useWatch('departmentId', form);
  const create = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      const other = v.departmentId === OTHER;
      return createFlag({
        departmentId: other ? null : (v.departmentId ?? null),
        departmentName: other ? (v.departmentName ?? '').trim() : null,
        taskTitle: (v.taskTitle ?? '').trim(),
        description: (v.description ?? '').trim(),
        channel: v.channel!,
        receivedOn: v.receivedOn!.format('YYYY-MM-DD'),
      });
    },
    onSuccess: () => {
      message.success(t('admission.flags.done'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['admission', 'flags'] });
    },
  });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <Card size="small" title={t('admission.flags.formTitle')} data-testid="flag-form">
      <Form<FlagForm>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'document', receivedOn: dayjs() }}
        disabled={create.isPending}
      >
        <Form.Item
          name="departmentId"
          label={t('admission.flags.department')}
          rules={[{ required: true, message: t('admission.flags.departmentRequired') }]}
        >
          <Select
            showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }}
            loading={departments.isFetching}
            placeholder={t('admission.flags.departmentPlaceholder')}
            options={[
              ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
              { value: OTHER, label: t('admission.flags.otherDepartment') },
            ]}
          />
        </Form.Item>
        {deptId === OTHER ? (
          <Form.Item
            name="departmentName"
            label={t('admission.flags.departmentName')}
            rules={[required(t('admission.flags.departmentName'))]}
          >
            <Input maxLength={100} placeholder={t('admission.flags.departmentNamePlaceholder')} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="taskTitle"
          label={t('admission.flags.taskTitle')}
          rules={[required(t('admission.flags.taskTitle')), { min: 2, message: t('admission.flags.taskTitleShort') }]}
        >
          <Input maxLength={200} placeholder={t('admission.flags.taskTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('admission.flags.description')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('admission.flags.descriptionPlaceholder')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name="channel"
              label={t('admission.flags.channel')}
              rules={[{ required: true, message: t('common.required', { field: t('admission.flags.channel') }) }]}
            >
              <Select options={CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS[c]) }))} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="receivedOn"
              label={t('admission.flags.receivedOn')}
              rules={[{ required: true, message: t('common.required', { field: t('admission.flags.receivedOn') }) }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          danger
          icon={<FlagOutlined />}
          block
          loading={create.isPending}
          onClick={() => create.mutate()}
          data-testid="flag-submit"
        >
          {t('admission.flags.submit')}
        </Button>
      </Form>
    </Card>
  );
}
