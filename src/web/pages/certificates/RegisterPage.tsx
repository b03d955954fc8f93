import { Link } from 'react-router';
import { Alert, Card, Col, DatePicker, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { PageContainer } from '../../components/PageContainer.js';
import { ExportButton, useExporter } from '../../components/ExportButton.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { CERTIFICATE_STATUSES, ISSUE_PATHS, type CertificateStatus } from '../../../shared/certificates.codes.js';
import { certificateKeys, exportRegister, listRegister } from './certificates.api.js';
import type { Certificate, RegisterFilter } from '../../../shared/certificates.js';
import { normalizeIdNumber, normalizePhone } from '../../../shared/identity.js';
import { useFilteredQuery } from '../../hooks/usePagedQuery.js';
import { FilterBar } from '../../components/FilterBar.js';
import { PagedTable } from '../../components/PagedTable.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

interface FilterForm {
  q?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  status?: 'valid' | 'revoked';
  path?: 'catalog' | 'deliberation';
  range?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * 证明开具台账: searchable (name, ID number and phone match exactly through blind indexes; such
 * searches are audited) and exportable; personal data is masked in every row and in the export.
 */
export default function RegisterPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<FilterForm>();
  const list = useFilteredQuery<RegisterFilter, Certificate>({}, certificateKeys.register, listRegister);
  const exporter = useExporter(t('certificates.register.exported'));

  const apply = (v: FilterForm) => {
    const [from, to] = v.range ?? [];
    list.apply({
      q: v.q?.trim() || undefined,
      name: v.name?.trim() || undefined,
      idNumber: v.idNumber?.trim() ? normalizeIdNumber(v.idNumber) : undefined,
      phone: v.phone?.trim() ? normalizePhone(v.phone) : undefined,
      status: v.status,
      path: v.path,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    });
  };

  const columns: TableColumnsType<Certificate> = [
    {
      title: t('certificates.detail.serial'),
      dataIndex: 'serial',
      render: (v: string, r) => (
        <Link to={`/certificates/${r.id}`} className="jf-mono">
          {v}
        </Link>
      ),
    },
    {
      title: t('certificates.detail.item'),
      dataIndex: 'itemName',
      render: (v: string, r) => (
        <div style={{ minWidth: 140, maxWidth: 260 }}>
          {v}
          <div>
            <Tag style={{ marginTop: 2 }}>{t(`certificates.path.${r.path}`)}</Tag>
          </div>
        </div>
      ),
    },
    { title: t('certificates.form.holderName'), dataIndex: 'holderName' },
    {
      title: t('certificates.form.idNumber'),
      dataIndex: 'idNumber',
      render: (v: string | null) => <span className="jf-mono">{v ?? '—'}</span>,
    },
    {
      title: t('certificates.form.phone'),
      dataIndex: 'phone',
      render: (v: string | null) => <span className="jf-mono">{v ?? '—'}</span>,
    },
    {
      title: t('certificates.form.purpose'),
      dataIndex: 'purpose',
      render: (v: string) => <div style={{ maxWidth: 200 }}>{v}</div>,
    },
    { title: t('certificates.form.demander'), dataIndex: 'demander', render: (v: string | null) => v ?? '—' },
    { title: t('certificates.form.signer'), dataIndex: 'signerName' },
    { title: t('certificates.detail.village'), dataIndex: 'regionName' },
    {
      title: t('certificates.detail.issuedOn'),
      dataIndex: 'issuedOn',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: t('certificates.detail.status'),
      dataIndex: 'status',
      render: (v: CertificateStatus) => (
        <Tag color={v === 'valid' ? 'success' : 'error'}>{t(`certificates.status.${v}`)}</Tag>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('certificates.register.title')}
      extra={
        <ExportButton
          exporter={exporter}
          run={() => exportRegister(list.filter)}
          busyText={t('certificates.register.exporting')}
          data-testid="register-export"
        >
          {t('certificates.register.export')}
        </ExportButton>
      }
    >
      <Alert type="info" showIcon title={t('certificates.register.note')} style={{ marginBottom: 16 }} />
      <FilterBar<FilterForm>
        form={form}
        onFinish={apply}
        onReset={() => list.apply({})}
        gutter={12}
        size="small"
        actionsCol={{ xs: 24, lg: 8 }}
        searchTestId="register-search"
      >
        {(fold) => (
          <>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="name" label={t('certificates.register.name')}>
                <Input allowClear={CLEARABLE} maxLength={30} placeholder={t('certificates.register.exact')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} style={fold}>
              <Form.Item name="idNumber" label={t('certificates.form.idNumber')}>
                <Input
                  allowClear={CLEARABLE}
                  maxLength={18}
                  placeholder={t('certificates.register.exact')}
                  className="jf-mono"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} style={fold}>
              <Form.Item name="phone" label={t('certificates.form.phone')}>
                <Input
                  allowClear={CLEARABLE}
                  maxLength={13}
                  placeholder={t('certificates.register.exact')}
                  className="jf-mono"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} style={fold}>
              <Form.Item name="q" label={t('certificates.register.q')}>
                <Input allowClear={CLEARABLE} maxLength={50} placeholder={t('certificates.register.qPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4} style={fold}>
              <Form.Item name="status" label={t('certificates.detail.status')}>
                <Select
                  allowClear={CLEARABLE}
                  placeholder={t('audit.all')}
                  options={CERTIFICATE_STATUSES.map((s) => ({ value: s, label: t(`certificates.status.${s}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4} style={fold}>
              <Form.Item name="path" label={t('certificates.detail.path')}>
                <Select
                  allowClear={CLEARABLE}
                  placeholder={t('audit.all')}
                  popupMatchSelectWidth={false}
                  options={ISSUE_PATHS.map((s) => ({ value: s, label: t(`certificates.path.${s}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} style={fold}>
              <Form.Item name="range" label={t('certificates.register.range')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} inputReadOnly={isMobile} />
              </Form.Item>
            </Col>
          </>
        )}
      </FilterBar>
      <Card size="small">
        <PagedTable<Certificate>
          list={list}
          rowKey="id"
          data-testid="register-table"
          columns={columns}
          locale={{ emptyText: t('certificates.register.empty') }}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 8, marginBottom: 0 }}>
          {t('certificates.register.auditNote')}
        </Typography.Paragraph>
      </Card>
    </PageContainer>
  );
}
