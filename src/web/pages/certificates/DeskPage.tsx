import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Collapse, Empty, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { AuditOutlined, FileDoneOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMe } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { VERDICT_LABELS } from './certificates.labels.js';
import {
  certificateKeys,
  issueCertificate,
  matchAtDesk,
  promiseAtDesk,
  refuseAtDesk,
  type DemanderKind,
  type DeskAction,
  type DeskMatch,
  type Deliberation,
} from './certificates.api.js';
import { DeliberationFields, DemanderKindField, HolderFields, PurposeFields, useRules } from './DeskForms.js';
import { AlternativeBlock } from './AlternativeBlock.js';
import { normalizeIdNumber, normalizePhone } from '../../../shared/identity.js';
import { CLEARABLE } from '../../components/ClearIcon.js';

interface DeskValues {
  holder?: { name?: string; idNumber?: string; phone?: string };
  holderName?: string;
  purpose?: string;
  demander?: string;
  demanderKind?: DemanderKind;
  facts?: string;
  signerName?: string;
  reason?: string;
  title?: string;
  basis?: string;
  deliberation?: { heldOn?: Dayjs; form?: Deliberation['form']; participants?: number; summary?: string };
  signOff?: { name?: string; title?: string; signedOn?: Dayjs };
}

const VERDICT_ALERT = { positive: 'success', negative: 'error', unlisted: 'warning' } as const;
const trimOrNull = (s: string | undefined) => (s ?? '').trim() || null;

/**
 * 证明开具 (village cadre): type what the resident asks for; the desk matches it against the village's
 * effective catalogs and offers only what the rules allow: issue from the template (positive list),
 * a refusal slip with the alternative channel (negative list), the 告知承诺 form where the district
 * enabled it, and for unlisted requests a refusal or issuing with deliberation and sign-off.
 */
export default function DeskPage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const match = useQuery({
    queryKey: certificateKeys.match(q),
    queryFn: () => matchAtDesk(q),
    enabled: q.length >= 2,
    staleTime: 60_000,
    retry: false,
  });

  const search = (v: string) => {
    const s = v.trim();
    setTooShort(s.length < 2);
    if (s.length >= 2) setQ(s);
  };

  return (
    <PageContainer title={t('certificates.desk.title')}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <label htmlFor="desk-query-input">{t('certificates.desk.ask')}</label>
        </Typography.Paragraph>
        <Input.Search
          id="desk-query-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={search}
          maxLength={100}
          size="large"
          allowClear={CLEARABLE}
          placeholder={t('certificates.desk.placeholder')}
          enterButton={
            <Button type="primary" icon={<SearchOutlined />} loading={match.isFetching} data-testid="desk-match">
              {t('certificates.desk.match')}
            </Button>
          }
          status={tooShort ? 'error' : undefined}
          data-testid="desk-query"
        />
        {tooShort ? (
          <Typography.Text type="danger" role="alert">
            {t('certificates.desk.tooShort')}
          </Typography.Text>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 8, marginBottom: 0 }}>
          {t('certificates.desk.help')}
        </Typography.Paragraph>
      </Card>
      {match.data && match.data.query === q ? (
        <Verdict key={`${q}:${match.data.catalogVersionId}`} m={match.data} />
      ) : !q ? (
        <Empty description={t('certificates.desk.empty')} />
      ) : null}
    </PageContainer>
  );
}

function Verdict({ m }: { m: DeskMatch }) {
  const { t } = useI18n();
  const label = useLabel();
  const isMobile = useIsMobile();
  const choices = useMemo(() => {
    const order: DeskAction[] =
      m.verdict === 'unlisted' ? ['refuse', 'deliberate', 'promise'] : ['issue', 'promise', 'refuse'];
    return order.filter((a) => m.actions.includes(a));
  }, [m]);
  const [action, setAction] = useState<DeskAction>(choices[0]);
  // A new verdict (this component is keyed by the question) takes focus, so it is read out at once
  // and Tab goes on to what may be done about it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: false }), []);

  return (
    <Flex vertical gap={16} data-testid="desk-verdict" data-verdict={m.verdict}>
      <Card size="small">
        <Alert
          type={VERDICT_ALERT[m.verdict]}
          showIcon
          title={
            <h2 ref={heading} tabIndex={-1} className="jf-inline-heading" data-testid="verdict-title">
              {label(VERDICT_LABELS[m.verdict])}
            </h2>
          }
          description={
            <div>
              {m.item ? (
                <div>
                  {t('certificates.desk.item')}：<span className="jf-mono">{m.item.code}</span> {m.item.name}
                  <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
                    {t('certificates.desk.catalog')}：《{m.item.catalogTitle}》
                  </div>
                </div>
              ) : (
                <div>{t(m.verdict === 'unlisted' ? 'certificates.desk.unlistedHelp' : 'certificates.desk.noItem')}</div>
              )}
              <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)', marginTop: 4 }}>
                {t('certificates.desk.judgedAt', { village: m.region.name, date: m.date })}
              </div>
            </div>
          }
        />
        {m.verdict === 'negative' ? <AlternativeBlock alternative={m.alternative} style={{ marginTop: 12 }} /> : null}
        {m.promise.available ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('certificates.desk.promiseAvailable')}
            description={m.promise.basis ? `${t('certificates.desk.promiseBasis')}：${m.promise.basis}` : undefined}
          />
        ) : null}
        {m.candidates.length ? (
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'c',
                label: t('certificates.desk.candidates', { n: m.candidates.length }),
                children: (
                  <ul style={{ margin: 0, paddingInlineStart: 18, fontSize: '0.75rem' }}>
                    {m.candidates.map((c) => (
                      <li key={c.code}>
                        <span className="jf-mono">{c.code}</span> {c.name}（
                        {t('certificates.desk.score', { score: Math.round(c.score * 100) })}）：{c.reason}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        ) : null}
      </Card>

      {choices.length > 1 ? (
        <Radio.Group
          value={action}
          onChange={(e) => setAction(e.target.value as DeskAction)}
          optionType="button"
          buttonStyle="solid"
          data-testid="desk-actions"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 0 }}
        >
          {choices.map((a) => (
            <Radio.Button key={a} value={a} style={isMobile ? { flex: '1 1 auto', textAlign: 'center' } : undefined}>
              {t(`certificates.desk.action.${a}` as 'certificates.desk.action.issue')}
            </Radio.Button>
          ))}
        </Radio.Group>
      ) : null}

      {action === 'issue' || action === 'deliberate' ? <IssueForm m={m} deliberate={action === 'deliberate'} /> : null}
      {action === 'refuse' ? <RefuseForm m={m} /> : null}
      {action === 'promise' ? <PromiseForm m={m} /> : null}
    </Flex>
  );
}

/** The template with what has been typed so far in place of the 【…】 placeholders. */
function fillTemplate(paragraphs: string[], v: DeskValues | undefined) {
  const name = v?.holder?.name?.trim();
  const id = v?.holder?.idNumber?.trim();
  const demander = v?.demander?.trim();
  return paragraphs.map((p) => {
    let s = p;
    if (!id) s = s.replace('（公民身份号码：【公民身份号码】）', '');
    if (!demander) s = s.replace('，出具给【要求出具单位】', '');
    return s
      .replace('【申请人姓名】', name || '【申请人姓名】')
      .replace('【公民身份号码】', id ? normalizeIdNumber(id) : '【公民身份号码】')
      .replace('【证明内容】', v?.facts?.trim() || '【证明内容】')
      .replace('【用途】', v?.purpose?.trim() || '【用途】')
      .replace('【要求出具单位】', demander || '【要求出具单位】');
  });
}

function IssueForm({ m, deliberate }: { m: DeskMatch; deliberate: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const rules = useRules();
  const { data: me } = useMe();
  const [form] = Form.useForm<DeskValues>();
  const values = Form.useWatch((v: DeskValues) => v, form);
  const title = deliberate ? values?.title?.trim() || m.query : (m.template?.title ?? m.item?.name ?? m.query);
  const preview = m.template ? fillTemplate(m.template.paragraphs, values) : [];

  const issue = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return issueCertificate({
        q: m.query,
        itemCode: deliberate ? null : (m.item?.code ?? null),
        title: deliberate ? trimOrNull(v.title) : null,
        holder: {
          name: v.holder!.name!.trim(),
          idNumber: v.holder?.idNumber ? normalizeIdNumber(v.holder.idNumber) : null,
          phone: v.holder?.phone ? normalizePhone(v.holder.phone) : null,
        },
        purpose: v.purpose!.trim(),
        demander: trimOrNull(v.demander),
        facts: v.facts!.trim(),
        signerName: v.signerName!.trim(),
        basis: deliberate ? trimOrNull(v.basis) : null,
        deliberation: deliberate
          ? {
              heldOn: v.deliberation!.heldOn!.format('YYYY-MM-DD'),
              form: v.deliberation!.form!,
              participants: v.deliberation!.participants!,
              summary: v.deliberation!.summary!.trim(),
            }
          : null,
        signOff: deliberate
          ? {
              name: v.signOff!.name!.trim(),
              title: v.signOff?.title?.trim() || '村民委员会主任',
              signedOn: v.signOff!.signedOn!.format('YYYY-MM-DD'),
            }
          : null,
      });
    },
    onSuccess: (c) => {
      qc.setQueryData(certificateKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: ['certificates', 'register'] });
      message.success(t('certificates.desk.issued', { serial: c.serial }));
      navigate(`/certificates/${c.id}`);
    },
  });

  return (
    <Card
      size="small"
      title={deliberate ? t('certificates.desk.deliberateTitle') : t('certificates.desk.issueTitle')}
      data-testid="issue-form"
    >
      {deliberate ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('certificates.deliberate.warning')} />
      ) : null}
      <Row gutter={[16, 8]}>
        <Col xs={24} lg={14}>
          <Form<DeskValues>
            form={form}
            layout="vertical"
            disabled={issue.isPending}
            initialValues={{ signerName: '', signOff: { title: '村民委员会主任' }, title: m.query }}
          >
            {deliberate ? (
              <Form.Item
                name="title"
                label={t('certificates.deliberate.title')}
                rules={[rules.required(t('certificates.deliberate.title'))]}
              >
                <Input maxLength={60} />
              </Form.Item>
            ) : null}
            <HolderFields />
            <PurposeFields />
            <Form.Item
              name="facts"
              label={t('certificates.form.facts')}
              rules={[
                rules.required(t('certificates.form.facts')),
                { min: 2, message: t('certificates.form.factsShort') },
              ]}
              extra={t('certificates.form.factsHelp')}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item
              name="signerName"
              label={t('certificates.form.signer')}
              rules={[
                rules.required(t('certificates.form.signer')),
                { min: 2, message: t('certificates.form.nameShort') },
              ]}
              extra={t('certificates.form.signerHelp')}
            >
              <Input maxLength={30} style={{ maxWidth: 240 }} />
            </Form.Item>
            {deliberate ? <DeliberationFields /> : null}
            <Button
              type="primary"
              icon={deliberate ? <AuditOutlined /> : <FileDoneOutlined />}
              loading={issue.isPending}
              onClick={() => issue.mutate()}
              data-testid="issue-submit"
              block
            >
              {t('certificates.desk.issueSubmit')}
            </Button>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <div className="jf-cert-preview" data-testid="template-preview">
            <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)', marginBottom: 8 }}>
              {t('certificates.desk.preview')}
            </div>
            <div
              style={{ textAlign: 'center', fontSize: '1.125rem', fontWeight: 600, letterSpacing: 2, marginBottom: 12 }}
            >
              {title}
            </div>
            {preview.map((p, i) => (
              <p key={i} style={{ textIndent: '2em', margin: '0 0 8px', lineHeight: 1.9 }}>
                {p}
              </p>
            ))}
            <div style={{ textAlign: 'right', marginTop: 16, lineHeight: 1.9 }}>
              <div>{me?.region?.name ?? m.region.name}</div>
              <div>
                {t('certificates.print.signer')}：{values?.signerName || '【 】'}
              </div>
            </div>
          </div>
        </Col>
      </Row>
    </Card>
  );
}

function RefuseForm({ m }: { m: DeskMatch }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const rules = useRules();
  const [form] = Form.useForm<DeskValues>();
  const reasonRequired = m.verdict === 'positive';
  const refuse = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return refuseAtDesk({
        q: m.query,
        holderName: trimOrNull(v.holderName),
        purpose: trimOrNull(v.purpose),
        demander: trimOrNull(v.demander),
        demanderKind: v.demanderKind ?? 'other',
        reason: trimOrNull(v.reason),
      });
    },
    onSuccess: (c) => {
      qc.setQueryData(certificateKeys.case(c.id), c);
      void qc.invalidateQueries({ queryKey: ['certificates', 'cases'] });
      void qc.invalidateQueries({ queryKey: ['certificates', 'demands'] });
      message.success(t('certificates.desk.refused', { number: c.number }));
      navigate(`/certificates/refusals/${c.id}`);
    },
  });
  return (
    <Card size="small" title={t('certificates.desk.refuseTitle')} data-testid="refuse-form">
      <Typography.Paragraph type="secondary">
        {t(
          m.verdict === 'negative'
            ? 'certificates.desk.refuseNegativeHelp'
            : m.verdict === 'positive'
              ? 'certificates.desk.refusePositiveHelp'
              : 'certificates.desk.refuseUnlistedHelp',
        )}
      </Typography.Paragraph>
      <Form<DeskValues>
        form={form}
        layout="vertical"
        disabled={refuse.isPending}
        initialValues={{ demanderKind: 'other' }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="holderName"
              label={t('certificates.form.holderNameOptional')}
              rules={[{ pattern: /^[\p{Script=Han}A-Za-z·•.\s]{2,30}$/u, message: t('certificates.form.nameInvalid') }]}
            >
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="purpose" label={t('certificates.form.purpose')}>
              <Input maxLength={200} placeholder={t('certificates.form.purposePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item
              name="demander"
              label={t('certificates.form.demander')}
              extra={m.verdict === 'negative' ? t('certificates.desk.demanderEvidence') : undefined}
            >
              <Input maxLength={100} placeholder={t('certificates.form.demanderPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <DemanderKindField />
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={reasonRequired ? t('certificates.desk.refuseReason') : t('certificates.desk.refuseReasonOptional')}
          rules={reasonRequired ? [rules.required(t('certificates.desk.refuseReason'))] : []}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button
          type="primary"
          danger
          icon={<PrinterOutlined />}
          loading={refuse.isPending}
          onClick={() => refuse.mutate()}
          data-testid="refuse-submit"
          block
        >
          {t('certificates.desk.refuseSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function PromiseForm({ m }: { m: DeskMatch }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<DeskValues>();
  const promise = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return promiseAtDesk({
        q: m.query,
        itemCode: m.item!.code,
        holder: {
          name: v.holder!.name!.trim(),
          idNumber: v.holder?.idNumber ? normalizeIdNumber(v.holder.idNumber) : null,
          phone: v.holder?.phone ? normalizePhone(v.holder.phone) : null,
        },
        purpose: v.purpose!.trim(),
        demander: trimOrNull(v.demander),
      });
    },
    onSuccess: (c) => {
      qc.setQueryData(certificateKeys.case(c.id), c);
      void qc.invalidateQueries({ queryKey: ['certificates', 'cases'] });
      message.success(t('certificates.desk.promised', { number: c.number }));
      navigate(`/certificates/promises/${c.id}`);
    },
  });
  if (!m.item) return null;
  return (
    <Card size="small" title={t('certificates.desk.promiseTitle')} data-testid="promise-form">
      <Typography.Paragraph type="secondary">
        {t('certificates.desk.promiseHelp', { item: m.item.name })}
      </Typography.Paragraph>
      <Form<DeskValues> form={form} layout="vertical" disabled={promise.isPending}>
        <HolderFields />
        <PurposeFields />
        <Button
          type="primary"
          icon={<FileDoneOutlined />}
          loading={promise.isPending}
          onClick={() => promise.mutate()}
          data-testid="promise-submit"
          block
        >
          {t('certificates.desk.promiseSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
