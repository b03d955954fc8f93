import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useI18n } from '../../i18n/index.js';
import { ASSIGNEE_KINDS, FINDINGS, type CaseDetail, type Step } from '../../../shared/supervision.js';
import { CaseStatusTag } from './CasesPage.js';
import {
  caseStep,
  getCase,
  listAssignees,
  photoUrl,
  revealReporter,
  supervisionKeys,
  type CaseAction,
} from './supervision.api.js';

type Values = Record<string, string | undefined>;

/** One step's form: its fields, then a submit button; the case's version goes with it. */
function StepForm(props: { c: CaseDetail; action: CaseAction; title: string; initial?: Values; children: ReactNode }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<Values>();
  const run = useMutation({
    mutationFn: (v: Values) => caseStep(props.c.id, props.action, { ...v, version: props.c.version }),
    onSuccess: (next) => {
      qc.setQueryData(supervisionKeys.case(props.c.id), next);
      void qc.invalidateQueries({ queryKey: ['supervision', 'cases'] });
      form.resetFields();
      void message.success(t('supervision.detail.done'));
    },
  });
  return (
    <Card size="small" title={props.title} style={{ marginBottom: 12 }} data-testid={`step-${props.action}`}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={props.initial}
        onFinish={(v) => run.mutate(v)}
        disabled={run.isPending}
      >
        {props.children}
        <Button type="primary" htmlType="submit" loading={run.isPending} data-testid={`step-${props.action}-submit`}>
          {t('supervision.detail.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function TextField({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: t('common.required', { field: label }) }] : []}
    >
      <Input.TextArea rows={3} maxLength={2000} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

function AssignForm({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const options = useQuery({ queryKey: supervisionKeys.assignees, queryFn: listAssignees });
  const [kind, setKind] = useState<(typeof ASSIGNEE_KINDS)[number]>(c.assigneeKind ?? 'township');
  const again = c.assigneeKind !== null;
  const list = kind === 'township' ? options.data?.townships : options.data?.departments;
  return (
    <StepForm
      c={c}
      action="assign"
      title={again ? t('supervision.detail.reassign') : t('supervision.detail.assign')}
      initial={{ assigneeKind: kind }}
    >
      <Form.Item name="assigneeKind" label={t('supervision.detail.assigneeKind')}>
        <Radio.Group
          onChange={(e) => setKind(e.target.value)}
          options={ASSIGNEE_KINDS.map((k) => ({ value: k, label: t(`supervision.assigneeKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="assigneeId"
        label={t('supervision.detail.assignee')}
        rules={[{ required: true, message: t('common.required', { field: t('supervision.detail.assignee') }) }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={options.isLoading}
          options={(list ?? []).map((x) => ({ value: x.id, label: x.name }))}
          data-testid="field-assigneeId"
        />
      </Form.Item>
      {again ? <TextField name="reason" label={t('supervision.detail.reason')} /> : null}
    </StepForm>
  );
}

function Actions({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const a = c.abilities;
  if (!a.assign && !a.investigate && !a.correct && !a.answer && !a.close && !a.merge)
    return <Typography.Text type="secondary">{t('supervision.detail.noActions')}</Typography.Text>;
  return (
    <>
      {a.assign ? <AssignForm c={c} /> : null}
      {a.investigate ? (
        <StepForm c={c} action="investigate" title={t('supervision.detail.investigate')}>
          <TextField name="note" label={t('supervision.detail.note')} />
        </StepForm>
      ) : null}
      {a.correct ? (
        <StepForm c={c} action="correct" title={t('supervision.detail.correct')}>
          <TextField name="note" label={t('supervision.detail.correction')} />
        </StepForm>
      ) : null}
      {a.answer ? (
        <StepForm c={c} action="answer" title={t('supervision.detail.answer')} initial={{ finding: 'founded' }}>
          <Form.Item name="finding" label={t('supervision.detail.finding')}>
            <Radio.Group options={FINDINGS.map((f) => ({ value: f, label: t(`supervision.finding.${f}`) }))} />
          </Form.Item>
          <TextField name="text" label={t('supervision.detail.answerText')} />
        </StepForm>
      ) : null}
      {a.close ? (
        <StepForm c={c} action="close" title={t('supervision.detail.close')}>
          <TextField name="note" label={t('supervision.detail.closeNote')} required={false} />
        </StepForm>
      ) : null}
      {a.merge ? (
        <StepForm c={c} action="merge" title={t('supervision.detail.merge')}>
          <Form.Item
            name="intoCode"
            label={t('supervision.detail.intoCode')}
            rules={[{ required: true, message: t('common.required', { field: t('supervision.detail.intoCode') }) }]}
          >
            <Input className="jf-mono" maxLength={10} />
          </Form.Item>
          <TextField name="reason" label={t('supervision.detail.reason')} />
        </StepForm>
      ) : null}
    </>
  );
}

function Reporter({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const reveal = useMutation({ mutationFn: () => revealReporter(c.id, reason) });
  if (c.anonymous) return <>{t('supervision.detail.anonymous')}</>;
  const shown = reveal.data ?? c.reporterMasked;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <span data-testid="case-reporter">{[shown.name, shown.contact].filter(Boolean).join(' · ')}</span>
      {c.abilities.reveal && !reveal.data ? (
        <Space wrap>
          <Input
            aria-label={t('supervision.detail.revealReason')}
            placeholder={t('supervision.detail.revealReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
          />
          <Button onClick={() => reveal.mutate()} disabled={reason.trim().length < 2} loading={reveal.isPending}>
            {t('supervision.detail.reveal')}
          </Button>
        </Space>
      ) : null}
    </Space>
  );
}

const stepText = (s: Step, t: ReturnType<typeof useI18n>['t']) =>
  [
    s.params.assignee,
    s.params.finding ? t(`supervision.finding.${s.params.finding as 'founded'}`) : null,
    s.params.rating ? t(`supervision.rating.${s.params.rating as 'satisfied'}`) : null,
    s.params.into,
    s.note,
  ]
    .filter(Boolean)
    .join(' · ');

/** A case: what was reported, the steps so far, and the step actions the actor may take. */
export default function CaseDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: supervisionKeys.case(id), queryFn: () => getCase(id), retry: false });
  if (q.isPending) return <PageSpin />;
  if (!q.data)
    return (
      <PageContainer title={t('supervision.cases.title')}>
        <Card>
          <Empty description={t('supervision.error.notFound')} />
        </Card>
      </PageContainer>
    );
  const c = q.data;
  return (
    <PageContainer title={t('supervision.detail.title', { code: c.code })}>
      <Typography.Paragraph>
        <Link to="/supervision/cases">{t('supervision.detail.back')}</Link>
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" data-testid="case-detail">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'status',
                  label: t('supervision.cases.status'),
                  children: (
                    <span data-testid="case-status">
                      <CaseStatusTag c={c} />
                    </span>
                  ),
                },
                { key: 'source', label: t('supervision.detail.source'), children: t(`supervision.source.${c.source}`) },
                {
                  key: 'category',
                  label: t('supervision.cases.category'),
                  children: t(`supervision.category.${c.category}`),
                },
                { key: 'village', label: t('supervision.cases.village'), children: c.regionName },
                { key: 'body', label: t('supervision.cases.body'), children: c.bodyConcerned },
                {
                  key: 'desc',
                  label: t('supervision.detail.description'),
                  children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.description}</div>,
                },
                { key: 'when', label: t('supervision.detail.happenedOn'), children: c.happenedOn ?? '—' },
                { key: 'reporter', label: t('supervision.detail.reporter'), children: <Reporter c={c} /> },
                { key: 'assignee', label: t('supervision.cases.assignee'), children: c.assigneeName ?? '—' },
                { key: 'due', label: t('supervision.cases.dueOn'), children: c.dueOn ?? '—' },
                ...(c.mergedInto
                  ? [
                      {
                        key: 'merged',
                        label: t('supervision.status.merged'),
                        children: t('supervision.detail.mergedInto', { code: c.mergedInto }),
                      },
                    ]
                  : []),
                ...(c.rating
                  ? [
                      {
                        key: 'rating',
                        label: t('supervision.detail.rating'),
                        children: t(`supervision.rating.${c.rating}`),
                      },
                    ]
                  : []),
              ]}
            />
            {c.photos.length ? (
              <Space wrap style={{ marginTop: 8 }}>
                {c.photos.map((p, i) => (
                  <a key={p} href={photoUrl(c.id, p)} target="_blank" rel="noreferrer">
                    <img
                      src={photoUrl(c.id, p)}
                      alt={t('supervision.detail.photoN', { n: i + 1 })}
                      style={{ maxWidth: 160, maxHeight: 120, borderRadius: 4 }}
                    />
                  </a>
                ))}
              </Space>
            ) : null}
          </Card>
          <Card size="small" title={t('supervision.detail.steps')} style={{ marginTop: 16 }} data-testid="case-steps">
            <Timeline
              items={c.steps.map((s, i) => ({
                key: i,
                children: (
                  <div data-testid="case-step" data-kind={s.kind}>
                    <Typography.Text strong>{t(`supervision.step.${s.kind}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: '0.8125rem' }}>
                      {fmtTime(s.at)} {s.actorName ?? ''}
                    </Typography.Text>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{stepText(s, t)}</div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('supervision.detail.actions')}>
            {c.status === 'merged' ? (
              <Alert type="info" title={t('supervision.detail.mergedInto', { code: c.mergedInto ?? '' })} />
            ) : (
              <Actions c={c} />
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
