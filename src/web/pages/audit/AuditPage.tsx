import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
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
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ROLE_LABELS, type Role } from '../../../shared/roles.js';
import { PageContainer } from '../../components/PageContainer.js';
import { ExportButton, useExporter } from '../../components/ExportButton.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { ACTION_LABELS, ENTITY_LABELS } from './audit.labels.js';
import {
  auditKeys,
  exportAudit,
  listAudit,
  verifyAudit,
  type AuditFilter,
  type AuditRow,
  type VerifyResult,
} from './audit.api.js';
import { useFilteredQuery } from '../../hooks/usePagedQuery.js';
import { FilterBar } from '../../components/FilterBar.js';
import { PagedTable } from '../../components/PagedTable.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

interface FilterForm {
  actor?: string;
  action?: string;
  entity?: string;
  outcome?: 'success' | 'failure';
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return (
      <div>
        <Typography.Text type="secondary">—</Typography.Text>
      </div>
    );
  return <pre className="jf-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** 审计日志 (auditor only): filter, expandable before/after, hash-chain verification, xlsx export. */
export default function AuditPage() {
  const { t } = useI18n();
  const label = useLabel();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<FilterForm>();
  const list = useFilteredQuery<AuditFilter, AuditRow>({}, auditKeys.list, listAudit);
  const { filter } = list;
  const [verdict, setVerdict] = useState<VerifyResult | null>(null);
  const verify = useMutation({ mutationFn: verifyAudit, onSuccess: setVerdict });
  const exporter = useExporter(t('audit.exported'));

  const apply = (v: FilterForm) => {
    const [from, to] = v.range ?? [];
    list.apply({
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      entity: v.entity || undefined,
      outcome: v.outcome || undefined,
      from: from ? from.toDate().toISOString() : undefined,
      to: to ? to.toDate().toISOString() : undefined,
    });
  };

  const roleText = (roles: string | null) =>
    roles
      ? roles
          .split(',')
          .filter(Boolean)
          .map((r) => label(ROLE_LABELS[r as Role], r))
          .join('、')
      : '—';

  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('audit.time'),
      dataIndex: 'ts',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(v)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string | null) =>
        v && v !== 'system' ? v : <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.roles'), dataIndex: 'actorRoles', render: roleText },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{label(ACTION_LABELS[v], v)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      render: (v: string) =>
        v === 'success' ? (
          <Tag color="success">{t('audit.success')}</Tag>
        ) : (
          <Tag color="error">{t('audit.failure')}</Tag>
        ),
    },
    { title: t('audit.entity'), dataIndex: 'entity', render: (v: string) => label(ENTITY_LABELS[v], v) },
    {
      title: t('audit.region'),
      dataIndex: 'regionCode',
      render: (v: string | null) => (v ? <span className="jf-mono">{v}</span> : '—'),
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      render: (v: string | null) => (v ? <span className="jf-mono">{v}</span> : '—'),
    },
  ];

  const verdictAlert = verdict ? (
    verdict.ok ? (
      <Alert
        type="success"
        showIcon
        closable={{ onClose: () => setVerdict(null) }}
        title={t('audit.verifyOkTitle')}
        description={t('audit.verifyOk', { checked: verdict.checked })}
        style={{ marginBottom: 16 }}
        data-testid="verify-result"
      />
    ) : (
      <Alert
        type="error"
        showIcon
        closable={{ onClose: () => setVerdict(null) }}
        title={t('audit.verifyBrokenTitle')}
        description={t('audit.verifyBroken', {
          seq: verdict.firstBroken?.seq ?? '?',
          reason: verdict.firstBroken?.reason ?? '',
          checked: verdict.checked,
        })}
        style={{ marginBottom: 16 }}
        data-testid="verify-result"
      />
    )
  ) : null;

  return (
    <PageContainer
      title={t('audit.title')}
      extra={
        <>
          <Button
            icon={<SafetyOutlined />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
            data-testid="verify-chain"
          >
            {verify.isPending ? t('audit.verifying') : t('audit.verify')}
          </Button>
          <ExportButton exporter={exporter} run={() => exportAudit(filter)} busyText={t('audit.exporting')}>
            {t('audit.export')}
          </ExportButton>
        </>
      }
    >
      <Alert type="info" showIcon title={t('audit.note')} style={{ marginBottom: 16 }} />
      {verdictAlert}
      <FilterBar<FilterForm>
        form={form}
        onFinish={apply}
        onReset={() => list.apply({})}
        gutter={16}
        actionsCol={{ xs: 24, lg: 8, xl: 12 }}
      >
        {(fold) => (
          <>
            <Col xs={24} sm={12} lg={8} xl={6}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear={CLEARABLE} maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} style={fold}>
              <Form.Item name="action" label={t('audit.action')}>
                <Input allowClear={CLEARABLE} maxLength={64} placeholder={t('audit.actionPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} style={fold}>
              <Form.Item name="entity" label={t('audit.entity')}>
                <Select
                  allowClear={CLEARABLE}
                  placeholder={t('audit.all')}
                  options={Object.entries(ENTITY_LABELS).map(([value, l]) => ({ value, label: label(l) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} style={fold}>
              <Form.Item name="outcome" label={t('audit.outcome')}>
                <Select
                  allowClear={CLEARABLE}
                  placeholder={t('audit.all')}
                  options={[
                    { value: 'success', label: t('audit.success') },
                    { value: 'failure', label: t('audit.failure') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={24} lg={16} xl={12} style={fold}>
              <Form.Item name="range" label={t('audit.timeRange')}>
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </>
        )}
      </FilterBar>
      <Card>
        <PagedTable<AuditRow>
          list={list}
          rowKey="seq"
          columns={columns}
          expandable={{
            expandedRowRender: (r) => (
              <div style={{ maxWidth: isMobile ? 'calc(100vw - 72px)' : undefined }}>
                <Row gutter={[16, 12]}>
                  <Col xs={24} md={12}>
                    <Typography.Text strong>{t('audit.before')}</Typography.Text>
                    <Json value={r.before} />
                  </Col>
                  <Col xs={24} md={12}>
                    <Typography.Text strong>{t('audit.after')}</Typography.Text>
                    <Json value={r.after} />
                  </Col>
                  <Col xs={24}>
                    <div className="jf-hash">
                      <div>
                        {t('audit.entityId')}：{r.entityId ?? '—'}
                      </div>
                      <div>
                        {t('audit.requestId')}：{r.requestId ?? '—'}
                      </div>
                      <div>
                        {t('audit.prevHash')}：{r.prevHash}
                      </div>
                      <div>
                        {t('audit.hash')}：{r.hash}
                      </div>
                    </div>
                  </Col>
                </Row>
              </div>
            ),
          }}
        />
      </Card>
    </PageContainer>
  );
}
