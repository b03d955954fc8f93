import { Link } from 'react-router';
import { Alert, Card, Tabs, Tag, type TableColumnsType } from 'antd';
import { PageContainer } from '../../components/PageContainer.js';
import { useI18n } from '../../i18n/index.js';
import type { CertificateVerdict } from '../../../shared/certificates.js';
import { certificateKeys, listCases } from './certificates.api.js';
import type { CertificateCase } from '../../../shared/certificates.js';
import { usePagedQuery } from '../../hooks/usePagedQuery.js';
import { PagedTable } from '../../components/PagedTable.js';

/** 不予出具与告知承诺: the refusal slips and the promise forms of my area (masked), each reprintable. */
export default function CasesPage() {
  const { t } = useI18n();
  return (
    <PageContainer title={t('certificates.cases.title')}>
      <Alert type="info" showIcon title={t('certificates.cases.note')} style={{ marginBottom: 16 }} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'refusal', label: t('certificates.cases.refusals'), children: <CaseTable kind="refusal" /> },
          { key: 'promise', label: t('certificates.cases.promises'), children: <CaseTable kind="promise" /> },
        ]}
      />
    </PageContainer>
  );
}

function CaseTable({ kind }: { kind: 'refusal' | 'promise' }) {
  const { t } = useI18n();
  const rows = usePagedQuery(
    (page, pageSize) => certificateKeys.cases(kind, page, pageSize),
    (page, pageSize) => listCases(kind, page, pageSize),
  );
  const base = kind === 'refusal' ? '/certificates/refusals' : '/certificates/promises';
  const columns: TableColumnsType<CertificateCase> = [
    {
      title: t('certificates.cases.number'),
      dataIndex: 'number',
      render: (v: CertificateVerdict, r) => (
        <Link to={`${base}/${r.id}`} className="jf-mono">
          {v}
        </Link>
      ),
    },
    {
      title: t('certificates.cases.request'),
      dataIndex: 'requestText',
      render: (v: string) => <div style={{ minWidth: 120, maxWidth: 240 }}>{v}</div>,
    },
    {
      title: t('certificates.cases.verdict'),
      dataIndex: 'verdict',
      render: (v: CertificateVerdict, r) => (
        <div style={{ maxWidth: 260 }}>
          <Tag color={v === 'negative' ? 'error' : v === 'positive' ? 'success' : 'warning'}>
            {t(`certificates.verdict.${v}`)}
          </Tag>
          {r.item ? (
            <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
              {r.item.code} {r.item.name}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('certificates.form.holderName'), dataIndex: 'holderName', render: (v: string | null) => v ?? '—' },
    { title: t('certificates.form.purpose'), dataIndex: 'purpose', render: (v: string | null) => v ?? '—' },
    { title: t('certificates.form.demander'), dataIndex: 'demander', render: (v: string | null) => v ?? '—' },
    { title: t('certificates.detail.village'), dataIndex: 'regionName' },
    { title: t('certificates.cases.createdBy'), dataIndex: 'createdByName' },
    {
      title: t('certificates.cases.createdOn'),
      dataIndex: 'createdOn',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
  ];
  return (
    <Card size="small">
      <PagedTable<CertificateCase>
        list={rows}
        rowKey="id"
        data-testid={`${kind}-table`}
        columns={columns}
        locale={{
          emptyText: t(kind === 'refusal' ? 'certificates.cases.emptyRefusals' : 'certificates.cases.emptyPromises'),
        }}
      />
    </Card>
  );
}
