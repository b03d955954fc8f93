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
import { useI18n } from '../../i18n/index.js';
import { certificateKeys, issueCertificate, matchAtDesk, promiseAtDesk, refuseAtDesk } from './certificates.api.js';
import type { Deliberation, DeskAction, DeskMatch } from '../../../shared/certificates.js';
import type { DemanderKind } from '../../../shared/certificates.codes.js';
import { DeliberationFields, DemanderKindField, HolderFields, PurposeFields, useRules } from './DeskForms.js';
import { AlternativeBlock } from './AlternativeBlock.js';
import { normalizeIdNumber, normalizePhone } from '../../../shared/identity.js';
import { zh } from '../../../shared/i18n.js';
import { CLEARABLE } from '../../components/ClearIcon.js';
import { SubmitButton } from '../../components/Field.js';

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
const holderOf = (v: DeskValues) => ({
  name: v.holder!.name!.trim(),
  idNumber: v.holder?.idNumber ? normalizeIdNumber(v.holder.idNumber) : null,
  phone: v.holder?.phone ? normalizePhone(v.holder.phone) : null,
});

/**
 * One desk form's submission: validate, call the API, put the answer in the cache, say so and open it.
 * `done` names the cache entries, the message and the page of what the call answered.
 */
function useDeskSubmit<T>(
  call: (v: DeskValues) => Promise<T>,
  done: (c: T) => { key: readonly unknown[]; stale: string[]; message: string; to: string },
) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<DeskValues>();
  const submit = useMutation({
    mutationFn: async () => call(await form.validateFields()),
    onSuccess: (c) => {
      const d = done(c);
      qc.setQueryData(d.key, c);
      for (const k of d.stale) void qc.invalidateQueries({ queryKey: ['certificates', k] });
      message.success(d.message);
      navigate(d.to);
    },
  });
  return { form, submit };
}

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
              {t(`certificates.verdict.${m.verdict}`)}
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

const PH = {
  name: zh('certificates.template.placeholder.holderName'),
  id: zh('certificates.template.placeholder.idNumber'),
  facts: zh('certificates.template.placeholder.facts'),
  purpose: zh('certificates.template.placeholder.purpose'),
  demander: zh('certificates.template.placeholder.demander'),
};
/** The template's holder and purpose phrases with and without the optional ID number and requesting body. */
const WITH_ID = zh('certificates.template.holderWithId', { name: PH.name, id: PH.id });
const WITH_DEMANDER = zh('certificates.template.purposeFor', { purpose: PH.purpose, demander: PH.demander });
const WITHOUT_DEMANDER = zh('certificates.template.purpose', { purpose: PH.purpose });

/** The template with what has been typed so far in place of the 【…】 placeholders. */
function fillTemplate(paragraphs: string[], v: DeskValues | undefined) {
  const name = v?.holder?.name?.trim();
  const id = v?.holder?.idNumber?.trim();
  const demander = v?.demander?.trim();
  return paragraphs.map((p) => {
    let s = p;
    if (!id) s = s.replace(WITH_ID, PH.name);
    if (!demander) s = s.replace(WITH_DEMANDER, WITHOUT_DEMANDER);
    return s
      .replace(PH.name, name || PH.name)
      .replace(PH.id, id ? normalizeIdNumber(id) : PH.id)
      .replace(PH.facts, v?.facts?.trim() || PH.facts)
      .replace(PH.purpose, v?.purpose?.trim() || PH.purpose)
      .replace(PH.demander, demander || PH.demander);
  });
}

function IssueForm({ m, deliberate }: { m: DeskMatch; deliberate: boolean }) {
  const { t } = useI18n();
  const rules = useRules();
  const { data: me } = useMe();
  const { form, submit: issue } = useDeskSubmit(
    (v) =>
      issueCertificate({
        q: m.query,
        itemCode: deliberate ? null : (m.item?.code ?? null),
        title: deliberate ? trimOrNull(v.title) : null,
        holder: holderOf(v),
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
              title: v.signOff?.title?.trim() || zh('certificates.sheet.signOffTitle'),
              signedOn: v.signOff!.signedOn!.format('YYYY-MM-DD'),
            }
          : null,
      }),
    (c) => ({
      key: certificateKeys.detail(c.id),
      stale: ['register'],
      message: t('certificates.desk.issued', { serial: c.serial }),
      to: `/certificates/${c.id}`,
    }),
  );
  const values = Form.useWatch((v: DeskValues) => v, form);
  const title = deliberate ? values?.title?.trim() || m.query : (m.template?.title ?? m.item?.name ?? m.query);
  const preview = m.template ? fillTemplate(m.template.paragraphs, values) : [];

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
            initialValues={{
              signerName: '',
              signOff: { title: zh('certificates.sheet.signOffTitle') },
              title: m.query,
            }}
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
              rules={rules.atLeast(t('certificates.form.facts'), 2, t('certificates.form.factsShort'))}
              extra={t('certificates.form.factsHelp')}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item
              name="signerName"
              label={t('certificates.form.signer')}
              rules={rules.atLeast(t('certificates.form.signer'), 2, t('certificates.form.nameShort'))}
              extra={t('certificates.form.signerHelp')}
            >
              <Input maxLength={30} style={{ maxWidth: 240 }} />
            </Form.Item>
            {deliberate ? <DeliberationFields /> : null}
            <SubmitButton
              pending={issue.isPending}
              onClick={() => issue.mutate()}
              icon={deliberate ? <AuditOutlined /> : <FileDoneOutlined />}
              testId="issue-submit"
            >
              {t('certificates.desk.issueSubmit')}
            </SubmitButton>
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
  const rules = useRules();
  const reasonRequired = m.verdict === 'positive';
  const { form, submit: refuse } = useDeskSubmit(
    (v) =>
      refuseAtDesk({
        q: m.query,
        holderName: trimOrNull(v.holderName),
        purpose: trimOrNull(v.purpose),
        demander: trimOrNull(v.demander),
        demanderKind: v.demanderKind ?? 'other',
        reason: trimOrNull(v.reason),
      }),
    (c) => ({
      key: certificateKeys.case(c.id),
      stale: ['cases', 'demands'],
      message: t('certificates.desk.refused', { number: c.number }),
      to: `/certificates/refusals/${c.id}`,
    }),
  );
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
        <SubmitButton
          pending={refuse.isPending}
          onClick={() => refuse.mutate()}
          danger
          icon={<PrinterOutlined />}
          testId="refuse-submit"
        >
          {t('certificates.desk.refuseSubmit')}
        </SubmitButton>
      </Form>
    </Card>
  );
}

function PromiseForm({ m }: { m: DeskMatch }) {
  const { t } = useI18n();
  const { form, submit: promise } = useDeskSubmit(
    (v) =>
      promiseAtDesk({
        q: m.query,
        itemCode: m.item!.code,
        holder: holderOf(v),
        purpose: v.purpose!.trim(),
        demander: trimOrNull(v.demander),
      }),
    (c) => ({
      key: certificateKeys.case(c.id),
      stale: ['cases'],
      message: t('certificates.desk.promised', { number: c.number }),
      to: `/certificates/promises/${c.id}`,
    }),
  );
  if (!m.item) return null;
  return (
    <Card size="small" title={t('certificates.desk.promiseTitle')} data-testid="promise-form">
      <Typography.Paragraph type="secondary">
        {t('certificates.desk.promiseHelp', { item: m.item.name })}
      </Typography.Paragraph>
      <Form<DeskValues> form={form} layout="vertical" disabled={promise.isPending}>
        <HolderFields />
        <PurposeFields />
        <SubmitButton
          pending={promise.isPending}
          onClick={() => promise.mutate()}
          icon={<FileDoneOutlined />}
          testId="promise-submit"
        >
          {t('certificates.desk.promiseSubmit')}
        </SubmitButton>
      </Form>
    </Card>
  );
}
