import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { admissionKeys, listAdmitted, type AdmittedTask } from './admission.api.js';
import { EffectTag, useKindLabel } from './AdmissionTags.js';
import { usePaging } from '../../components/usePaging.js';

/** 已准入事项: what has been admitted for my area and is (or will be) in effect. Anything else may be refused and flagged. */
export default function AdmittedPage() {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const access = accessOf(me);
  const { page, pageSize, pagination } = usePaging();
  const rows = useQuery({
    queryKey: admissionKeys.admitted(page, pageSize),
    queryFn: () => listAdmitted(page, pageSize),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AdmittedTask> = [
    {
      title: t('admission.list.title'),
      dataIndex: 'title',
      render: (_: unknown, r) => (
        <div style={{ minWidth: isMobile ? 150 : 220, maxWidth: 360 }}>
          <Link to={`/admission/requests/${r.id}`}>{r.title}</Link>
          <div>
            <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem' }}>
              {r.number}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('admission.form.kind'), dataIndex: 'kind', render: (_: unknown, r) => kindLabel(r.kind, r.kindLabel) },
    { title: t('admission.list.department'), dataIndex: 'departmentName' },
    { title: t('admission.admitted.effect'), dataIndex: 'effectState', render: (v: string) => <EffectTag state={v} /> },
    {
      title: t('admission.admitted.period'),
      dataIndex: 'effectiveFrom',
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.effectiveFrom} — {r.expiresOn}
        </span>
      ),
    },
    {
      title: t('admission.admitted.decidedBy'),
      dataIndex: 'decidedByBody',
      render: (v: string | null, r) => `${v ?? '—'}${r.decidedOn ? `（${r.decidedOn}）` : ''}`,
    },
    {
      title: t('admission.detail.conditions'),
      dataIndex: 'conditions',
      render: (v: string | null) => <div style={{ maxWidth: 280 }}>{v ?? '—'}</div>,
    },
    {
      title: t('admission.form.targets'),
      dataIndex: 'targetNames',
      render: (v: string[], r) =>
        `${v.join('、')}${r.targetCount > v.length ? t('admission.list.moreTargets', { n: r.targetCount }) : ''}`,
    },
  ];

  return (
    <PageContainer
      title={t('admission.admitted.pageTitle')}
      extra={
        access.canFlagAdmission ? (
          <Button icon={<FlagOutlined />} onClick={() => navigate('/admission/flags')} data-testid="go-flag">
            {t('admission.admitted.flagButton')}
          </Button>
        ) : null
      }
    >
      <Alert type="info" showIcon title={t('admission.admitted.note')} style={{ marginBottom: 16 }} />
      <Card size="small">
        <Table<AdmittedTask>
          rowKey="id"
          data-testid="admitted-table"
          columns={columns}
          dataSource={rows.data?.items ?? []}
          loading={rows.isFetching}
          scroll={{ x: 'max-content' }}
          size={isMobile ? 'small' : 'middle'}
          locale={{ emptyText: t('admission.admitted.empty') }}
          pagination={pagination(rows.data?.total ?? 0)}
        />
      </Card>
    </PageContainer>
  );
}
