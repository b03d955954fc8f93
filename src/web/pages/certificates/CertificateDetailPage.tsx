import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EyeOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useFeedback } from '../../components/feedback.js';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { CERT_EVENT_LABELS, CERT_STATUS_LABELS, DELIBERATION_FORM_LABELS, PATH_LABELS } from './certificates.labels.js';
import {
  certificateKeys,
  getCertificate,
  revokeCertificate,
  unmaskCertificate,
  type CertificateDetail,
} from './certificates.api.js';
import { verifyUrl } from './CertificateSheets.js';
import { useScrollTop } from './useScrollTop.js';

type Field = 'name' | 'idNumber' | 'phone';

/** One issued certificate (masked): facts, basis, verification code, events; print, revoke, and an audited unmask. */
export default function CertificateDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  // Each view of the (masked) record is audited on the server: no refetch on focus or remount.
  const q = useQuery({
    queryKey: certificateKeys.detail(id),
    queryFn: () => getCertificate(id),
    staleTime: 5 * 60_000,
  });
  useScrollTop(id);
  if (q.isPending) return <PageSpin />;
  if (q.error)
    return (
      <Result
        status="404"
        title={t('certificates.detail.notFound')}
        subTitle={q.error.message}
        extra={
          <Button onClick={() => navigate('/certificates/register')}>{t('certificates.detail.toRegister')}</Button>
        }
      />
    );
  return <Detail c={q.data} />;
}

function Detail({ c }: { c: CertificateDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [unmaskOpen, setUnmaskOpen] = useState(false);
  const [shown, setShown] = useState<{ name?: string; idNumber?: string | null; phone?: string | null }>({});
  const url = verifyUrl(c.verifyPath);

  const items = [
    {
      key: 'serial',
      label: t('certificates.detail.serial'),
      children: (
        <span className="jf-mono" data-testid="cert-serial">
          {c.serial}
        </span>
      ),
    },
    {
      key: 'status',
      label: t('certificates.detail.status'),
      children: (
        <Tag color={c.status === 'valid' ? 'success' : 'error'} data-testid="cert-status">
          {label(CERT_STATUS_LABELS[c.status], c.statusLabel)}
        </Tag>
      ),
    },
    {
      key: 'item',
      label: t('certificates.detail.item'),
      children: (
        <span>
          {c.itemName}
          {c.itemCode ? (
            <div className="jf-mono" style={{ color: 'var(--jf-text-secondary)', fontSize: '0.75rem' }}>
              {c.itemCode}
            </div>
          ) : null}
        </span>
      ),
    },
    { key: 'path', label: t('certificates.detail.path'), children: label(PATH_LABELS[c.path], c.pathLabel) },
    { key: 'request', label: t('certificates.detail.request'), children: c.requestText },
    { key: 'village', label: t('certificates.detail.village'), children: c.regionName },
    {
      key: 'holder',
      label: t('certificates.form.holderName'),
      children: <span data-testid="holder-name">{shown.name ?? c.holderName}</span>,
    },
    {
      key: 'id',
      label: t('certificates.form.idNumber'),
      children: (
        <span className="jf-mono" data-testid="holder-id">
          {shown.idNumber ?? c.idNumber ?? '—'}
        </span>
      ),
    },
    {
      key: 'phone',
      label: t('certificates.form.phone'),
      children: (
        <span className="jf-mono" data-testid="holder-phone">
          {shown.phone ?? c.phone ?? '—'}
        </span>
      ),
    },
    { key: 'purpose', label: t('certificates.form.purpose'), children: c.purpose },
    { key: 'demander', label: t('certificates.form.demander'), children: c.demander ?? '—' },
    { key: 'signer', label: t('certificates.form.signer'), children: c.signerName },
    { key: 'issuedBy', label: t('certificates.detail.issuedBy'), children: c.issuedByName },
    { key: 'issuedOn', label: t('certificates.detail.issuedOn'), children: c.issuedOn },
    { key: 'printCount', label: t('certificates.detail.printCount'), children: c.printCount },
    {
      key: 'facts',
      label: t('certificates.form.facts'),
      span: 2,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</span>,
    },
    { key: 'basis', label: t('certificates.detail.basis'), span: 2, children: c.basis },
    ...(c.deliberation
      ? [
          {
            key: 'deliberation',
            label: t('certificates.deliberate.section'),
            span: 2,
            children: (
              <span>
                {c.deliberation.heldOn} ·{' '}
                {label(DELIBERATION_FORM_LABELS[c.deliberation.form], c.deliberation.formLabel ?? c.deliberation.form)}{' '}
                · {t('certificates.detail.participants', { n: c.deliberation.participants })}
                <br />
                {c.deliberation.summary}
              </span>
            ),
          },
        ]
      : []),
    ...(c.signOff
      ? [
          {
            key: 'signOff',
            label: t('certificates.deliberate.signOffName'),
            span: 2,
            children: `${c.signOff.title}：${c.signOff.name}（${c.signOff.signedOn}）`,
          },
        ]
      : []),
    ...(c.status === 'revoked'
      ? [
          {
            key: 'revoked',
            label: t('certificates.detail.revoked'),
            span: 2,
            children: `${c.revokedByName ?? ''} ${fmtTime(c.revokedAt)}：${c.revokeReason ?? ''}`,
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title={`${c.itemName}`}
      extra={
        <>
          {c.abilities.unmask ? (
            <Button icon={<EyeOutlined />} onClick={() => setUnmaskOpen(true)} data-testid="unmask-button">
              {t('certificates.detail.unmask')}
            </Button>
          ) : null}
          {c.abilities.revoke ? (
            <Button danger icon={<StopOutlined />} onClick={() => setRevokeOpen(true)} data-testid="revoke-button">
              {t('certificates.detail.revoke')}
            </Button>
          ) : null}
          {c.abilities.print ? (
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/certificates/${c.id}/print`)}
              data-testid="print-link"
            >
              {c.printCount > 0 ? t('certificates.detail.reprint') : t('certificates.detail.print')}
            </Button>
          ) : null}
        </>
      }
    >
      {c.status === 'revoked' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('certificates.detail.revokedTitle', { date: fmtTime(c.revokedAt) })}
          description={c.revokeReason}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('certificates.detail.record')}>
            <Descriptions
              size="small"
              column={isMobile ? 1 : 2}
              items={items}
              styles={{ label: { width: isMobile ? 96 : 120 } }}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem', marginTop: 12, marginBottom: 0 }}>
              {t('certificates.detail.maskNote')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('certificates.detail.verification')}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('certificates.detail.code')}：
                <span className="jf-hash" data-testid="verification-code">
                  {c.verificationCode}
                </span>
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <Link to={c.verifyPath} target="_blank" style={{ wordBreak: 'break-all' }} data-testid="verify-link">
                  {url}
                </Link>
              </Typography.Paragraph>
            </Card>
            <Card size="small" title={t('certificates.detail.events')}>
              <Timeline
                items={c.events.map((e) => ({
                  color:
                    e.kind === 'revoked'
                      ? 'red'
                      : e.kind === 'unmasked'
                        ? 'orange'
                        : e.kind === 'verified'
                          ? 'gray'
                          : 'blue',
                  content: (
                    <div>
                      <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>{fmtTime(e.at)}</div>
                      <Typography.Text strong>{label(CERT_EVENT_LABELS[e.kind], e.kind)}</Typography.Text>
                      {e.copyNo ? (
                        <Typography.Text type="secondary">
                          {' '}
                          · {t('certificates.detail.copyNo', { n: e.copyNo })}
                        </Typography.Text>
                      ) : null}
                      {e.actorName ? <Typography.Text type="secondary"> · {e.actorName}</Typography.Text> : null}
                      {e.note ? <div style={{ fontSize: '0.75rem', color: '#595959' }}>{e.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      <RevokeModal c={c} open={revokeOpen} onClose={() => setRevokeOpen(false)} />
      <UnmaskModal
        c={c}
        open={unmaskOpen}
        onClose={() => setUnmaskOpen(false)}
        onShown={(v) => setShown((s) => ({ ...s, ...v }))}
      />
    </PageContainer>
  );
}

function RevokeModal({ c, open, onClose }: { c: CertificateDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return revokeCertificate(c.id, c.version, v.reason.trim());
    },
    onSuccess: (r) => {
      qc.setQueryData(certificateKeys.detail(r.id), r);
      void qc.invalidateQueries({ queryKey: ['certificates', 'register'] });
      message.success(t('certificates.detail.revokedDone'));
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('certificates.detail.revokeTitle', { serial: c.serial })}
      okText={t('certificates.detail.revoke')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: revoke.isPending, 'data-testid': 'revoke-confirm' }}
      onOk={() => revoke.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('certificates.detail.revokeHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('certificates.detail.revokeReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('certificates.detail.revokeReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UnmaskModal({
  c,
  open,
  onClose,
  onShown,
}: {
  c: CertificateDetail;
  open: boolean;
  onClose: () => void;
  onShown: (v: { name?: string; idNumber?: string | null; phone?: string | null }) => void;
}) {
  const { t } = useI18n();
  const { message } = useFeedback();
  const [form] = Form.useForm<{ fields: Field[]; reason: string }>();
  const run = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return unmaskCertificate(c.id, v.fields, v.reason.trim());
    },
    onSuccess: (v) => {
      onShown(v);
      message.info(t('certificates.detail.unmaskedDone'));
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('certificates.detail.unmaskTitle')}
      okText={t('certificates.detail.unmaskOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: run.isPending }}
      onOk={() => run.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('certificates.detail.unmaskWarning')} />
      <Form form={form} layout="vertical" initialValues={{ fields: ['idNumber'] }}>
        <Form.Item
          name="fields"
          label={t('certificates.detail.unmaskFields')}
          rules={[{ required: true, type: 'array', min: 1, message: t('certificates.detail.unmaskFieldsRequired') }]}
        >
          <Checkbox.Group
            options={[
              { value: 'name', label: t('certificates.form.holderName') },
              { value: 'idNumber', label: t('certificates.form.idNumber') },
              { value: 'phone', label: t('certificates.form.phone') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('certificates.detail.unmaskReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('certificates.detail.unmaskReasonRequired') }]}
        >
          <Input maxLength={200} placeholder={t('certificates.detail.unmaskReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
