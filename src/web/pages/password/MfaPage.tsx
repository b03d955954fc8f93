import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Steps, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { enableMfa, ME_KEY, renewRecoveryCodes, startMfa, useMe, type MfaEnrolment } from '../../api/auth.js';
import { ApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useFeedback } from '../../components/feedback.js';
import { useT } from '../../i18n/index.js';

/** Recovery codes, shown once, to be written down or printed. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  return (
    <Flex vertical gap={12} data-testid="mfa-recovery-codes">
      <Alert type="warning" showIcon title={t('mfa.codesTitle')} description={t('mfa.codesNote')} />
      <Typography.Paragraph copyable={{ text: codes.join('\n') }} style={{ marginBottom: 0 }}>
        <span style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
          {codes.map((c) => (
            <Typography.Text key={c} code style={{ fontSize: 15 }}>
              {c}
            </Typography.Text>
          ))}
        </span>
      </Typography.Paragraph>
      <Button type="primary" onClick={onDone} style={{ alignSelf: 'flex-start' }}>
        {t('mfa.codesSaved')}
      </Button>
    </Flex>
  );
}

/**
 * 动态口令 (TOTP, RFC 6238): enrolment with a QR code for an authenticator app (or the key typed in),
 * confirmed by one code, then ten recovery codes shown once. Required of the three administrators and
 * the district roles; the page is the only one open to them until they have enrolled.
 */
export default function MfaPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const { data: me } = useMe();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const required = !!me?.mfaEnrolmentRequired;

  const start = useMutation({
    mutationFn: startMfa,
    onSuccess: (e) => {
      setEnrolment(e);
      setError(null);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const confirm = useMutation({
    mutationFn: (otp: string) => enableMfa(otp),
    onSuccess: (r) => {
      setCodes(r.codes);
      setError(null);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const renew = useMutation({
    mutationFn: (otp: string) => renewRecoveryCodes(otp),
    onSuccess: (r) => {
      setCodes(r.codes);
      setError(null);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const finish = async () => {
    setCodes(null);
    setEnrolment(null);
    message.success(t('mfa.enabled'));
    await qc.invalidateQueries({ queryKey: ME_KEY });
    if (required) navigate('/', { replace: true });
  };

  const otpField = (
    <Form.Item
      name="otp"
      label={t('login.otp')}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t('mfa.otpFormat') }]}
    >
      <Input
        prefix={<SafetyOutlined aria-hidden />}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        style={{ maxWidth: 220 }}
        data-testid="mfa-otp"
      />
    </Form.Item>
  );

  return (
    <PageContainer title={t('mfa.title')}>
      {required ? (
        <Alert
          type="warning"
          showIcon
          title={t('mfa.required')}
          style={{ marginBottom: 16 }}
          data-testid="mfa-forced"
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Card>
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => void finish()} />
        ) : me?.mfaEnabled ? (
          <Flex vertical gap={12}>
            <Alert type="success" showIcon title={t('mfa.alreadyEnabled')} />
            <Typography.Text type="secondary">{t('mfa.renewNote')}</Typography.Text>
            <Form layout="vertical" onFinish={(v: { otp: string }) => renew.mutate(v.otp)}>
              {otpField}
              <Button htmlType="submit" loading={renew.isPending}>
                {t('mfa.renew')}
              </Button>
            </Form>
          </Flex>
        ) : (
          <Flex vertical gap={16}>
            <Steps
              direction="vertical"
              size="small"
              items={[
                { title: t('mfa.step1'), description: t('mfa.step1Note') },
                { title: t('mfa.step2'), description: t('mfa.step2Note') },
                { title: t('mfa.step3'), description: t('mfa.step3Note') },
              ]}
            />
            {enrolment ? (
              <Flex gap={24} wrap align="flex-start">
                <img src={enrolment.qr} alt={t('mfa.qrAlt')} width={220} height={220} data-testid="mfa-qr" />
                <Flex vertical gap={8} style={{ minWidth: 240, flex: 1 }}>
                  <Typography.Text type="secondary">{t('mfa.manualKey')}</Typography.Text>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="mfa-secret">
                    {enrolment.secret}
                  </Typography.Text>
                  <Form layout="vertical" onFinish={(v: { otp: string }) => confirm.mutate(v.otp)}>
                    {otpField}
                    <Button type="primary" htmlType="submit" loading={confirm.isPending}>
                      {t('mfa.confirm')}
                    </Button>
                  </Form>
                </Flex>
              </Flex>
            ) : (
              <Button
                type="primary"
                onClick={() => start.mutate()}
                loading={start.isPending}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('mfa.start')}
              </Button>
            )}
          </Flex>
        )}
      </Card>
    </PageContainer>
  );
}
