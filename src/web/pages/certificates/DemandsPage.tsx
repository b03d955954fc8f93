import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Col, Form, Input, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { useI18n } from '../../i18n/index.js';
import { DEMANDER_KINDS, type DemanderKind } from '../../../shared/certificates.codes.js';
import { certificateKeys, demandsByDemander, listDemands, recordDemand } from './certificates.api.js';
import type { Demand, DemanderCount } from '../../../shared/certificates.js';
import { usePagedQuery } from '../../hooks/usePagedQuery.js';
import { PagedTable } from '../../components/PagedTable.js';
import { Field, FormCard, PastDayPicker } from '../../components/Field.js';

interface DemandForm {
  demanderName?: string;
  demanderKind?: DemanderKind;
  certificateName?: string;
  demandedOn?: Dayjs;
  note?: string;
}

/**
 * 仍被索要证明: evidence that a bank, insurer or agency still demands a certificate (matched against
 * the catalogs: de-listed or not), and the count per demander for supervision.
 */
export default function DemandsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const access = accessOf(me);
  const rows = usePagedQuery(certificateKeys.demands, listDemands);
  const counts = useQuery({ queryKey: certificateKeys.demandCounts, queryFn: demandsByDemander });

  const columns: TableColumnsType<Demand> = [
    {
      title: t('certificates.demands.demandedOn'),
      dataIndex: 'demandedOn',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: t('certificates.demands.demander'),
      dataIndex: 'demanderName',
      render: (v: string, r) => (
        <div style={{ minWidth: 120 }}>
          {v}
          <div>
            <Tag style={{ marginTop: 2 }}>{t(`certificates.demanderKind.${r.demanderKind}`)}</Tag>
          </div>
        </div>
      ),
    },
    { title: t('certificates.demands.certificate'), dataIndex: 'certificateName' },
    {
      title: t('certificates.demands.matched'),
      dataIndex: 'itemName',
      render: (_: unknown, r) =>
        r.itemCode ? (
          <div style={{ maxWidth: 240 }}>
            {r.delisted ? (
              <Tag color="error">{t('certificates.demands.delisted')}</Tag>
            ) : (
              <Tag>{t('certificates.demands.listed')}</Tag>
            )}
            <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
              {r.itemCode} {r.itemName}
            </div>
          </div>
        ) : (
          <Tag color="warning">{t('certificates.demands.unlisted')}</Tag>
        ),
    },
    { title: t('certificates.detail.village'), dataIndex: 'regionName' },
    {
      title: t('certificates.demands.note'),
      dataIndex: 'note',
      render: (v: string | null) => <div style={{ maxWidth: 220 }}>{v ?? '—'}</div>,
    },
    { title: t('certificates.demands.recordedBy'), dataIndex: 'recordedByName' },
  ];

  return (
    <PageContainer title={t('certificates.demands.title')}>
      <Alert type="info" showIcon title={t('certificates.demands.intro')} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Row gutter={[16, 16]}>
            {access.canIssueCertificates ? (
              <Col xs={24}>
                <DemandFormCard />
              </Col>
            ) : null}
            <Col xs={24}>
              <Card size="small" title={t('certificates.demands.byDemander')} data-testid="demand-counts">
                <Table<DemanderCount>
                  size="small"
                  rowKey="demanderKey"
                  pagination={false}
                  loading={counts.isFetching}
                  dataSource={counts.data?.items ?? []}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('certificates.demands.empty') }}
                  columns={[
                    { title: t('certificates.demands.demander'), dataIndex: 'demanderName' },
                    {
                      title: t('certificates.demands.kind'),
                      dataIndex: 'demanderKind',
                      render: (v: DemanderKind) => t(`certificates.demanderKind.${v}`),
                    },
                    { title: t('certificates.demands.count'), dataIndex: 'count', align: 'right' },
                    {
                      title: t('certificates.demands.delistedCount'),
                      dataIndex: 'delisted',
                      align: 'right',
                      render: (v: number) =>
                        v ? (
                          <Typography.Text type="danger" strong>
                            {v}
                          </Typography.Text>
                        ) : (
                          0
                        ),
                    },
                    { title: t('certificates.demands.last'), dataIndex: 'lastDemandedOn' },
                  ]}
                />
                {counts.data ? (
                  <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 8, marginBottom: 0 }}>
                    {t('certificates.demands.totals', { total: counts.data.total, delisted: counts.data.delisted })}
                  </Typography.Paragraph>
                ) : null}
              </Card>
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('certificates.demands.list')}>
            <PagedTable<Demand>
              list={rows}
              paging={{ size: 'small' }}
              rowKey="id"
              data-testid="demand-table"
              columns={columns}
              size="small"
              locale={{ emptyText: t('certificates.demands.empty') }}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}

function DemandFormCard() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<DemandForm>();
  const save = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return recordDemand({
        demanderName: v.demanderName!.trim(),
        demanderKind: v.demanderKind!,
        certificateName: v.certificateName!.trim(),
        demandedOn: v.demandedOn!.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
      });
    },
    onSuccess: (d) => {
      message.success(
        d.delisted
          ? t('certificates.demands.savedDelisted', { item: d.itemName ?? '' })
          : t('certificates.demands.saved'),
      );
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['certificates', 'demands'] });
    },
  });
  const tooShort = [{ min: 2, message: t('certificates.demands.tooShort') }];
  return (
    <FormCard<DemandForm>
      title={t('certificates.demands.formTitle')}
      testId="demand-form"
      form={form}
      initialValues={{ demanderKind: 'bank', demandedOn: dayjs() }}
      pending={save.isPending}
      submit={{
        icon: <PlusOutlined />,
        text: t('certificates.demands.submit'),
        testId: 'demand-submit',
        onClick: () => save.mutate(),
      }}
    >
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Field name="demanderName" label={t('certificates.demands.demander')} required="text" rules={tooShort}>
            <Input maxLength={100} placeholder={t('certificates.demands.demanderPlaceholder')} />
          </Field>
        </Col>
        <Col xs={24} md={10}>
          <Field name="demanderKind" label={t('certificates.demands.kind')} required>
            <Select
              popupMatchSelectWidth={false}
              options={DEMANDER_KINDS.map((k) => ({ value: k, label: t(`certificates.demanderKind.${k}`) }))}
            />
          </Field>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Field name="certificateName" label={t('certificates.demands.certificate')} required="text" rules={tooShort}>
            <Input maxLength={100} placeholder={t('certificates.demands.certificatePlaceholder')} />
          </Field>
        </Col>
        <Col xs={24} md={10}>
          <Field name="demandedOn" label={t('certificates.demands.demandedOn')} required>
            <PastDayPicker />
          </Field>
        </Col>
      </Row>
      <Form.Item name="note" label={t('certificates.demands.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormCard>
  );
}
