import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
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
import { useI18n } from '../../i18n/index.js';
import { CHANNELS, type Channel } from '../../../shared/admission.codes.js';
import { admissionKeys, createFlag, flagsByDepartment, listFlags, listNamableDepartments } from './admission.api.js';
import type { DepartmentCount, Flag } from '../../../shared/admission.js';
import { usePagedQuery } from '../../hooks/usePagedQuery.js';
import { PagedTable } from '../../components/PagedTable.js';
import { Field, FormCard, PastDayPicker } from '../../components/Field.js';
import { caseFromFlag } from '../supervision/supervision.api.js';

const OTHER = '__other__';

/** 转为监督案件 (district handler): the flag becomes a case for the department it names. */
function FlagToCase({ flagId }: { flagId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const run = useMutation({
    mutationFn: () => caseFromFlag(flagId),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: admissionKeys.all });
      void message.success(t('supervision.flag.created', { code: c.code }));
    },
  });
  return (
    <Button size="small" loading={run.isPending} onClick={() => run.mutate()} data-testid="flag-to-case">
      {t('supervision.flag.toCase')}
    </Button>
  );
}

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
  const { data: me } = useMe();
  const access = accessOf(me);
  const flags = usePagedQuery(admissionKeys.flags, listFlags);
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
      render: (v: Channel) => t(`admission.channel.${v}`),
    },
    { title: t('admission.flags.village'), dataIndex: 'regionName' },
    {
      title: t('admission.flags.flaggedBy'),
      dataIndex: 'flaggedByName',
      render: (v: string | null) => v ?? t('admission.flags.flaggedByHidden'),
    },
    {
      title: t('admission.flags.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(v)}</span>,
    },
    {
      title: t('admission.flags.status'),
      dataIndex: 'status',
      render: (v: string) => (
        <Tag color={v === 'open' ? 'orange' : 'default'}>
          {v === 'open' ? t('admission.flags.open') : v === 'case' ? t('supervision.flag.cased') : v}
        </Tag>
      ),
    },
    ...(access.canHandleSupervision
      ? [
          {
            title: t('supervision.flag.toCase'),
            key: 'toCase',
            render: (_: unknown, r: Flag) => (r.status === 'open' ? <FlagToCase flagId={r.id} /> : null),
          },
        ]
      : []),
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
            <PagedTable<Flag>
              list={flags}
              paging={{ size: 'small' }}
              rowKey="id"
              data-testid="flag-table"
              columns={columns}
              size="small"
              locale={{ emptyText: t('admission.flags.empty') }}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}

function FlagFormCard() {
  const { t } = useI18n();
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
  return (
    <FormCard<FlagForm>
      title={t('admission.flags.formTitle')}
      testId="flag-form"
      form={form}
      initialValues={{ channel: 'document', receivedOn: dayjs() }}
      pending={create.isPending}
      submit={{
        icon: <FlagOutlined />,
        danger: true,
        text: t('admission.flags.submit'),
        testId: 'flag-submit',
        onClick: () => create.mutate(),
      }}
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
        <Field name="departmentName" label={t('admission.flags.departmentName')} required="text">
          <Input maxLength={100} placeholder={t('admission.flags.departmentNamePlaceholder')} />
        </Field>
      ) : null}
      <Field
        name="taskTitle"
        label={t('admission.flags.taskTitle')}
        required="text"
        rules={[{ min: 2, message: t('admission.flags.taskTitleShort') }]}
      >
        <Input maxLength={200} placeholder={t('admission.flags.taskTitlePlaceholder')} />
      </Field>
      <Form.Item name="description" label={t('admission.flags.description')}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('admission.flags.descriptionPlaceholder')} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12}>
          <Field name="channel" label={t('admission.flags.channel')} required>
            <Select options={CHANNELS.map((c) => ({ value: c, label: t(`admission.channel.${c}`) }))} />
          </Field>
        </Col>
        <Col xs={12}>
          <Field name="receivedOn" label={t('admission.flags.receivedOn')} required>
            <PastDayPicker />
          </Field>
        </Col>
      </Row>
    </FormCard>
  );
}
