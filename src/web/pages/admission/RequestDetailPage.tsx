import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EditOutlined, RollbackOutlined, SendOutlined, SyncOutlined } from '@ant-design/icons';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import type { StepStatus } from '../../../shared/admission.codes.js';
import type { Keyed } from '../../../shared/i18n.js';
import { admissionKeys, getRequest, proposeAdjustment, submitRequest, withdrawRequest } from './admission.api.js';
import type { RequestDetail, RequestEvent, RequestStep } from '../../../shared/admission.js';
import { EffectTag, StatusTag, useStoredName } from './AdmissionTags.js';
import { DecisionPanel } from './DecisionPanel.js';
import { PrecheckView } from './PrecheckView.js';
import { useScrollTop } from '../certificates/useScrollTop.js';

const STEP_STATUS: Record<StepStatus, 'wait' | 'process' | 'finish' | 'error'> = {
  open: 'process',
  pending: 'wait',
  approved: 'finish',
  returned: 'error',
  rejected: 'error',
  cancelled: 'wait',
};

/** One admission request: content, pre-check, review chain, timeline, revisions; edit, submit, decide, withdraw. */
export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: admissionKeys.detail(id), queryFn: () => getRequest(id) });
  useScrollTop(id);
  if (q.isPending) return <PageSpin />;
  if (q.error || !q.data)
    return (
      <Result
        status="404"
        title={t('admission.detail.notFound')}
        subTitle={q.error?.message}
        extra={<Button onClick={() => navigate(-1)}>{t('admission.detail.back')}</Button>}
      />
    );
  return <Detail detail={q.data} />;
}

function Detail({ detail }: { detail: RequestDetail }) {
  const { t, keyed } = useI18n();
  const stored = useStoredName();
  const eventNote = useEventNote(detail);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { message } = useFeedback();
  const { data: me } = useMe();
  const access = accessOf(me);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const c = detail.content;

  const refresh = (r: RequestDetail) => {
    qc.setQueryData(admissionKeys.detail(r.id), r);
    void qc.invalidateQueries({ queryKey: admissionKeys.all });
  };
  const submit = useMutation({
    mutationFn: () => submitRequest(detail.id, detail.version),
    onSuccess: (r) => (refresh(r), message.success(t('admission.detail.submitted'))),
  });
  const adjust = useMutation({
    mutationFn: () => proposeAdjustment(detail.id),
    onSuccess: (r) => (refresh(r), message.success(t('admission.detail.adjustmentProposed'))),
  });

  const statusAlert = (() => {
    switch (detail.status) {
      case 'refused':
        return (
          <Alert
            type="error"
            showIcon
            title={t('admission.detail.refusedTitle')}
            description={lines(precheckReasons(detail, 'refused', keyed)) ?? detail.decisionReason}
          />
        );
      case 'rejected':
        return (
          <Alert
            type="error"
            showIcon
            title={t('admission.detail.rejectedTitle', { body: stored(detail.decidedByBody) })}
            description={detail.decisionReason}
          />
        );
      case 'returned':
        return (
          <Alert
            type="warning"
            showIcon
            title={t('admission.detail.returnedTitle')}
            description={returnedReason(detail, stored) ?? lines(precheckReasons(detail, 'returned', keyed))}
          />
        );
      case 'approved':
        return (
          <Alert
            type="success"
            showIcon
            title={t('admission.detail.approvedTitle', {
              body: stored(detail.decidedByBody),
              from: detail.effectiveFrom ?? '',
              to: detail.expiresOn ?? '',
            })}
            description={detail.conditions ? `${t('admission.detail.conditions')}：${detail.conditions}` : undefined}
          />
        );
      case 'withdrawn':
        return (
          <Alert
            type="info"
            showIcon
            title={t('admission.detail.withdrawnTitle', {
              name: detail.withdrawnByName ?? '',
              at: fmtTime(detail.withdrawnAt),
            })}
            description={detail.withdrawReason}
          />
        );
      case 'expired':
        return (
          <Alert type="info" showIcon title={t('admission.detail.expiredTitle', { to: detail.expiresOn ?? '' })} />
        );
      case 'in_review':
        return (
          <Alert
            type="info"
            showIcon
            title={t('admission.detail.inReviewTitle', {
              step: detail.currentStep ? t(`admission.step.${detail.currentStep}`) : '',
              due: detail.currentStepDueOn ?? '—',
            })}
          />
        );
      default:
        return null;
    }
  })();

  const contentItems = [
    { key: 'kind', label: t('admission.form.kind'), children: t(`admission.kind.${c.kind}`) },
    { key: 'number', label: t('admission.list.number'), children: <span className="jf-mono">{detail.number}</span> },
    { key: 'dept', label: t('admission.list.department'), children: detail.departmentName },
    { key: 'filedBy', label: t('admission.detail.filedBy'), children: detail.filedByName },
    {
      key: 'period',
      label: t('admission.detail.period'),
      children: `${c.startsOn ?? detail.startsOn ?? ''} — ${c.endsOn ?? detail.endsOn ?? ''}`,
    },
    {
      key: 'targets',
      label: t('admission.form.targets'),
      children: detail.targets.length ? (
        <Flex gap={4} wrap>
          {detail.targets.map((x) => (
            <Tag key={x.regionCode} style={{ marginInlineEnd: 0 }}>
              {x.regionName}
            </Tag>
          ))}
        </Flex>
      ) : (
        '—'
      ),
    },
    ...(c.description
      ? [
          {
            key: 'desc',
            label: t('admission.form.description'),
            span: 2,
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>,
          },
        ]
      : []),
    {
      key: 'basis',
      label: t('admission.detail.basis'),
      span: 2,
      children: c.basis?.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {c.basis.map((b, i) => (
            <li key={i}>
              {b.document}
              {b.article ? ` ${b.article}` : ''}
              <Tag style={{ marginInlineStart: 6 }}>{t(`admission.basisLevel.${b.level}`)}</Tag>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary">{t('admission.detail.noBasis')}</Typography.Text>
      ),
    },
    {
      key: 'funding',
      label: t('admission.detail.funding'),
      children: c.funding?.provided ? (
        [
          t('admission.detail.provided'),
          c.funding.amountYuan != null ? `${c.funding.amountYuan.toLocaleString()} ${t('admission.form.yuan')}` : '',
          c.funding.source ?? '',
        ]
          .filter(Boolean)
          .join('，')
      ) : (
        <Typography.Text type="warning">{t('admission.detail.notProvided')}</Typography.Text>
      ),
    },
    {
      key: 'staffing',
      label: t('admission.detail.staffing'),
      children: c.staffing?.provided ? (
        [
          t('admission.detail.provided'),
          c.staffing.people != null ? `${c.staffing.people} ${t('admission.form.persons')}` : '',
          c.staffing.description ?? '',
        ]
          .filter(Boolean)
          .join('，')
      ) : (
        <Typography.Text type="warning">{t('admission.detail.notProvided')}</Typography.Text>
      ),
    },
    ...(c.dedicatedPost !== undefined
      ? [
          {
            key: 'post',
            label: t('admission.detail.dedicatedPost'),
            children: c.dedicatedPost ? t('common.yes') : t('common.no'),
          },
        ]
      : []),
    {
      key: 'forms',
      label: t('admission.detail.forms'),
      span: 2,
      children: c.forms?.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {c.forms.map((f, i) => (
            <li key={i}>
              {f.name}（{t(`admission.frequency.${f.frequency}`)}）{f.fields ? `：${f.fields}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        t('common.none')
      ),
    },
    ...(c.catalogItemCode
      ? [
          {
            key: 'item',
            label: t('admission.form.catalogItemCode'),
            children: <span className="jf-mono">{c.catalogItemCode}</span>,
          },
        ]
      : []),
    ...(c.catalogChange
      ? [
          {
            key: 'change',
            label: t('admission.form.changeCatalog'),
            span: 2,
            children: (
              <span>
                {t(`admission.changeAction.${c.catalogChange.action}`)} · {t(`catalogs.kind.${c.catalogChange.kind}`)}
                {c.catalogChange.itemCode ? ` · ${c.catalogChange.itemCode}` : ''}
                {c.catalogChange.name ? ` · ${c.catalogChange.name}` : ''}：{c.catalogChange.reason}
                {detail.adjustmentNote ? (
                  <>
                    <br />
                    <Typography.Text type="secondary">{detail.adjustmentNote}</Typography.Text>
                  </>
                ) : null}
              </span>
            ),
          },
        ]
      : []),
  ];

  const currentSteps = detail.steps.filter((s) => s.revision === Math.max(...detail.steps.map((x) => x.revision)));
  const stepItems = currentSteps.map((s: RequestStep) => ({
    status: STEP_STATUS[s.status],
    title: t(`admission.step.${s.step}`),
    subTitle: t(`admission.stepStatus.${s.status}`),
    content: (
      <div style={{ fontSize: '0.75rem' }}>
        <div>
          {stored(s.body)}
          {s.assigneeName ? ` · ${t('admission.detail.assignee')}：${s.assigneeName}` : ''}
        </div>
        <div>
          {t('admission.detail.workingDays', { days: s.workingDays })}
          {s.dueOn ? ` · ${t('admission.decide.due')} ${s.dueOn}` : ''}
          {s.overdue ? (
            <Tag color="error" style={{ marginInlineStart: 4 }}>
              {t('admission.detail.overdue')}
            </Tag>
          ) : null}
        </div>
        {s.decidedByName ? (
          <div>{t('admission.detail.decidedBy', { name: s.decidedByName, at: fmtTime(s.decidedAt) })}</div>
        ) : null}
        {s.conditions ? (
          <div>
            {t('admission.detail.conditions')}：{s.conditions}
          </div>
        ) : null}
        {s.reason ? (
          <div>
            {t('admission.decide.reason')}：{s.reason}
          </div>
        ) : null}
        {s.comment ? (
          <div>
            {t('admission.decide.comment')}：{s.comment}
          </div>
        ) : null}
      </div>
    ),
  }));

  const actions = (
    <>
      {detail.abilities.edit ? (
        <Button
          icon={<EditOutlined />}
          onClick={() => navigate(`/admission/requests/${detail.id}/edit`)}
          data-testid="edit-request"
        >
          {t('admission.detail.edit')}
        </Button>
      ) : null}
      {detail.abilities.submit ? (
        <Popconfirm
          title={t('admission.form.submitConfirm')}
          okText={t('admission.form.submit')}
          cancelText={t('common.cancel')}
          onConfirm={() => submit.mutateAsync().catch(() => undefined)}
        >
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="submit-request">
            {t('admission.form.submit')}
          </Button>
        </Popconfirm>
      ) : null}
      {detail.status === 'approved' && c.catalogChange && !detail.adjustmentId && access.canManageCatalogs ? (
        <Button icon={<SyncOutlined />} loading={adjust.isPending} onClick={() => adjust.mutate()}>
          {t('admission.detail.proposeAdjustment')}
        </Button>
      ) : null}
      {detail.abilities.withdraw ? (
        <Button danger icon={<RollbackOutlined />} onClick={() => setWithdrawOpen(true)} data-testid="withdraw-request">
          {detail.status === 'approved' ? t('admission.withdraw.revoke') : t('admission.withdraw.withdraw')}
        </Button>
      ) : null}
    </>
  );

  return (
    <PageContainer title={detail.title} extra={actions}>
      <Flex gap={8} wrap align="center" style={{ marginTop: -8, marginBottom: 12 }}>
        <StatusTag status={detail.status} />
        <EffectTag state={detail.effectState} />
        {detail.needsGovernment ? <Tag color="purple">{t('admission.detail.needsGovernment')}</Tag> : null}
        <Typography.Text type="secondary" className="jf-mono">
          {detail.number} · {t('admission.detail.revision', { revision: detail.revision })}
        </Typography.Text>
      </Flex>
      {statusAlert ? <div style={{ marginBottom: 16 }}>{statusAlert}</div> : null}
      <Row gutter={[16, 16]}>
        {detail.abilities.decide ? (
          <Col xs={24} lg={{ span: 8, push: 16 }}>
            <div style={isMobile ? undefined : { position: 'sticky', top: 72 }}>
              <DecisionPanel detail={detail} />
            </div>
          </Col>
        ) : null}
        <Col xs={24} lg={detail.abilities.decide ? { span: 16, pull: 8 } : 24}>
          <Flex vertical gap={16}>
            <Card title={t('admission.detail.precheck')} size="small">
              {detail.precheck ? (
                <PrecheckView precheck={detail.precheck} compact={isMobile} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admission.detail.noPrecheck')} />
              )}
            </Card>
            <Card title={t('admission.detail.content')} size="small">
              <Descriptions
                size="small"
                column={isMobile ? 1 : 2}
                items={contentItems}
                styles={{ label: { width: isMobile ? 96 : 120 } }}
              />
            </Card>
            <Card title={t('admission.detail.chain')} size="small">
              {stepItems.length ? (
                <Steps orientation="vertical" size="small" items={stepItems} />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t(
                    detail.status === 'draft' ? 'admission.detail.chainNotStarted' : 'admission.detail.noChain',
                  )}
                />
              )}
            </Card>
            <Card title={t('admission.detail.timeline')} size="small" data-testid="timeline">
              <Timeline
                items={detail.events.map((e) => {
                  const note = eventNote(e);
                  return {
                    color:
                      e.action === 'reject' || (e.action === 'precheck' && e.toStatus === 'refused')
                        ? 'red'
                        : e.action === 'approve'
                          ? 'green'
                          : e.action === 'return'
                            ? 'orange'
                            : 'blue',
                    content: (
                      <div>
                        <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>{fmtTime(e.at)}</div>
                        <Typography.Text strong>{t(`admission.event.${e.action}`)}</Typography.Text>
                        {e.step ? <Tag style={{ marginInlineStart: 6 }}>{t(`admission.step.${e.step}`)}</Tag> : null}
                        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                          {stored(e.actorName) || t('admission.detail.system')}
                        </Typography.Text>
                        {e.toStatus && e.toStatus !== e.fromStatus ? (
                          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: '0.75rem' }}>
                            → {t(`admission.status.${e.toStatus}`)}
                          </Typography.Text>
                        ) : null}
                        {note ? (
                          <div style={{ whiteSpace: 'pre-wrap', fontSize: '0.75rem', color: '#595959' }}>{note}</div>
                        ) : null}
                      </div>
                    ),
                  };
                })}
              />
            </Card>
            <Card title={t('admission.detail.revisions')} size="small">
              <Table
                size="small"
                rowKey="revision"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={detail.revisions}
                locale={{ emptyText: t('admission.detail.noRevisions') }}
                columns={[
                  {
                    title: t('admission.detail.revisionNo'),
                    dataIndex: 'revision',
                    render: (v: number) => t('admission.detail.revision', { revision: v }),
                  },
                  {
                    title: t('admission.detail.submittedAt'),
                    dataIndex: 'submittedAt',
                    render: (v: string) => fmtTime(v),
                  },
                  { title: t('admission.detail.submittedBy'), dataIndex: 'submittedByName' },
                  {
                    title: t('admission.detail.hash'),
                    dataIndex: 'contentHash',
                    render: (v: string) => <span className="jf-hash">{v.slice(0, 16)}…</span>,
                  },
                ]}
              />
              {detail.approvedHash ? (
                <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 8, marginBottom: 0 }}>
                  {t('admission.detail.approvedHash', {
                    revision: detail.approvedRevision ?? '',
                    hash: detail.approvedHash.slice(0, 16),
                  })}
                </Typography.Paragraph>
              ) : null}
            </Card>
          </Flex>
        </Col>
      </Row>
      <WithdrawModal detail={detail} open={withdrawOpen} onClose={() => setWithdrawOpen(false)} onDone={refresh} />
    </PageContainer>
  );
}

/**
 * An event's note in the reader's language. The platform's own notes (stored in Chinese) are written again
 * from the request: the revision's hash, the expiry date, the step's comment, conditions and reason; the
 * pre-check's findings are in the pre-check card. A reason someone typed (a withdrawal) is shown as typed.
 */
function useEventNote(d: RequestDetail) {
  const { t } = useI18n();
  return (e: RequestEvent): string | null => {
    switch (e.action) {
      case 'submit': {
        const hash = d.revisions.find((r) => r.revision === e.revision)?.contentHash;
        return hash ? t('admission.text.submitted', { hash: hash.slice(0, 16) }) : null;
      }
      case 'precheck':
        return null;
      case 'expire':
        return t('admission.text.expired', { date: d.expiresOn ?? '' });
      case 'approve':
      case 'return':
      case 'reject': {
        const s = d.steps.find((x) => x.revision === e.revision && x.step === e.step && x.action === e.action);
        if (!s) return e.note;
        const lines = [
          s.comment,
          s.conditions && t('admission.text.conditions', { conditions: s.conditions }),
          s.reason && t('admission.text.reason', { reason: s.reason }),
        ];
        return lines.filter(Boolean).join('\n') || null;
      }
      default:
        return e.note;
    }
  };
}

/** The reason of the last return by a reviewer (from the step that returned it). */
function returnedReason(d: RequestDetail, stored: (name: string) => string): string | null {
  const s = d.steps.toReversed().find((x) => x.status === 'returned');
  return s?.reason ? `${stored(s.body)}：${s.reason}` : null;
}

/** The pre-check's findings of an outcome in the reader's language: why it refused or returned the request. */
const precheckReasons = (d: RequestDetail, outcome: 'refused' | 'returned', keyed: (m: Keyed) => string) =>
  d.precheck?.findings.filter((f) => f.outcome === outcome).map((f) => keyed(f.message)) ?? [];

/** Texts one per line (undefined when there are none). */
const lines = (texts: string[]) =>
  texts.length ? <span style={{ whiteSpace: 'pre-line' }}>{texts.join('\n')}</span> : undefined;

function WithdrawModal({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: RequestDetail;
  open: boolean;
  onClose: () => void;
  onDone: (r: RequestDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = detail.status === 'approved';
  const run = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return withdrawRequest(detail.id, detail.version, v.reason.trim());
    },
    onSuccess: (r) => {
      onDone(r);
      form.resetFields();
      onClose();
      message.success(t('admission.withdraw.done'));
    },
  });
  return (
    <Modal
      open={open}
      title={revoke ? t('admission.withdraw.revoke') : t('admission.withdraw.withdraw')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: run.isPending }}
      onOk={() => run.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {revoke ? t('admission.withdraw.revokeHelp') : t('admission.withdraw.help')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('admission.withdraw.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('admission.withdraw.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
