import { useNavigate } from 'react-router';
import { Alert, Button, Card, type TableColumnsType } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import { admissionKeys, listAdmitted } from './admission.api.js';
import type { AdmittedTask } from '../../../shared/admission.js';
import { EffectTag, useRequestColumns, useStoredName } from './AdmissionTags.js';
import { usePagedQuery } from '../../hooks/usePagedQuery.js';
import { PagedTable } from '../../components/PagedTable.js';

/** 已准入事项: what has been admitted for my area and is (or will be) in effect. Anything else may be refused and flagged. */
export default function AdmittedPage() {
  const { t } = useI18n();
  const stored = useStoredName();
  const isMobile = useIsMobile();
  const requestColumns = useRequestColumns(isMobile);
  const navigate = useNavigate();
  const { data: me } = useMe();
  const access = accessOf(me);
  const rows = usePagedQuery(admissionKeys.admitted, listAdmitted);

  const columns: TableColumnsType<AdmittedTask> = [
    ...requestColumns,
    { title: t('admission.list.department'), dataIndex: 'departmentName' },
    {
      title: t('admission.admitted.effect'),
      dataIndex: 'effectState',
      render: (_: unknown, r) => <EffectTag state={r.effectState} />,
    },
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
      render: (v: string | null, r) => `${v ? stored(v) : '—'}${r.decidedOn ? `（${r.decidedOn}）` : ''}`,
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
        <PagedTable<AdmittedTask>
          list={rows}
          rowKey="id"
          data-testid="admitted-table"
          columns={columns}
          locale={{ emptyText: t('admission.admitted.empty') }}
        />
      </Card>
    </PageContainer>
  );
}
