import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, ConfigProvider, Flex, Form, Input, Typography } from 'antd';
import { KeyOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { fetchCaptcha, login, useMe, useSetMe, type Captcha } from '../../api/auth.js';
import { ApiError } from '../../api/client.js';
import { LangSwitch } from '../../components/LangSwitch.js';
import { CareSwitch } from '../../components/CareSwitch.js';
import { MAIN_ID, SkipLink } from '../../components/SkipLink.js';
import { FOOTER_STYLE, FooterNav } from '../../components/FooterNav.js';
import { HEADER_BG, HEADER_THEME } from '../../theme/theme.js';
import { useT } from '../../i18n/index.js';
import { LogoMark } from '../../components/LogoMark.js';

/** Only same-site paths may be a post-login target (no open redirect). */
const safeRedirect = (r: string | null) =>
  r && r.startsWith('/') && !r.startsWith('//') && !r.startsWith('/login') ? r : '/';

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const setMe = useSetMe();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Asked for by the server: a local captcha after failed sign-ins, the second factor of an enrolled account.
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [needOtp, setNeedOtp] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} - ${t('app.name')}`;
  }, [t]);

  const firstPage = (m: { mustChangePassword: boolean; mfaEnrolmentRequired: boolean }) =>
    m.mustChangePassword ? '/password' : m.mfaEnrolmentRequired ? '/mfa' : safeRedirect(params.get('redirect'));
  if (me) return <Navigate to={firstPage(me)} replace />;

  const onFinish = async (v: { username: string; password: string; otp?: string; captchaAnswer?: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const code = v.otp?.trim();
      const signedIn = await login({
        username: v.username.trim(),
        password: v.password,
        ...(needOtp && code ? (useRecovery ? { recoveryCode: code } : { otp: code }) : {}),
        ...(captcha ? { captchaId: captcha.id, captchaAnswer: (v.captchaAnswer ?? '').trim() } : {}),
      });
      setMe(signedIn);
      navigate(firstPage(signedIn), { replace: true });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('network', t('error.network'), 0);
      const d = err.details as { captchaRequired?: boolean; captcha?: Captcha } | undefined;
      if (err.code === 'mfa_required') {
        setNeedOtp(true);
        setError(null);
      } else setError(err);
      // A captcha is single use: every refusal that asks for one brings a fresh one.
      if (d?.captcha) setCaptcha(d.captcha);
      else if (captcha) setCaptcha(await fetchCaptcha().catch(() => null));
    } finally {
      setSubmitting(false);
    }
  };
  const errorTitle = (code: string) =>
    code === 'account_locked' || code === 'rate_limited'
      ? t('login.locked')
      : code === 'captcha_required'
        ? t('login.captchaTitle')
        : t('login.failed');

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(180deg, #0f3f8c 0, #1d5fc4 20.625rem, var(--jf-page-bg) 20.625rem)',
      }}
    >
      <SkipLink />
      <ConfigProvider theme={HEADER_THEME}>
        <header
          className="jf-dark"
          style={{
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 8,
            padding: '0.75rem 1rem 0',
            background: HEADER_BG,
          }}
        >
          <CareSwitch dark />
          <LangSwitch dark />
        </header>
      </ConfigProvider>

      <main
        id={MAIN_ID}
        tabIndex={-1}
        style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '0.5rem 1rem 2rem' }}
      >
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: '1.5rem' }}>
          <LogoMark size={3.25} rx={14} />
          <h1 style={{ margin: '0.5rem 0 0', fontSize: '2rem', fontWeight: 700, letterSpacing: 6 }}>{t('app.name')}</h1>
          <div style={{ marginTop: 6, fontSize: '1rem', letterSpacing: 1 }}>{t('app.subtitle')}</div>
        </div>

        <div
          style={{
            width: '100%',
            maxWidth: '25rem',
            background: '#fff',
            borderRadius: 8,
            boxShadow: '0 8px 24px rgba(15, 63, 140, 0.18)',
            padding: '1.75rem 1.75rem 1.25rem',
            boxSizing: 'border-box',
          }}
        >
          <Typography.Title
            level={2}
            style={{ marginTop: 0, marginBottom: 20, textAlign: 'center', fontSize: '1.25rem' }}
          >
            {t('login.title')}
          </Typography.Title>
          <Form
            layout="vertical"
            size="large"
            onFinish={onFinish}
            requiredMark={false}
            autoComplete="on"
            data-testid="login-form"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined aria-hidden />}
                autoComplete="username"
                autoFocus
                maxLength={64}
                placeholder={t('login.username')}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined aria-hidden />}
                autoComplete="current-password"
                maxLength={128}
                placeholder={t('login.password')}
              />
            </Form.Item>
            {needOtp ? (
              <Form.Item
                name="otp"
                label={useRecovery ? t('login.recoveryCode') : t('login.otp')}
                extra={
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setUseRecovery(!useRecovery)}>
                    {useRecovery ? t('login.useOtp') : t('login.useRecovery')}
                  </Button>
                }
                rules={[{ required: true, whitespace: true, message: t('login.otpRequired') }]}
              >
                <Input
                  prefix={<SafetyOutlined aria-hidden />}
                  autoComplete="one-time-code"
                  inputMode={useRecovery ? 'text' : 'numeric'}
                  maxLength={useRecovery ? 14 : 6}
                  autoFocus
                  placeholder={useRecovery ? 'XXXX-XXXX-XXXX' : '123456'}
                  data-testid="login-otp"
                />
              </Form.Item>
            ) : null}
            {captcha ? (
              <Form.Item
                label={t('login.captcha')}
                required
                extra={
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => void fetchCaptcha().then(setCaptcha, () => undefined)}
                  >
                    {t('login.captchaRefresh')}
                  </Button>
                }
              >
                <Flex gap={8} align="center">
                  <Form.Item
                    name="captchaAnswer"
                    noStyle
                    rules={[{ required: true, whitespace: true, message: t('login.captchaRequired') }]}
                  >
                    <Input
                      prefix={<KeyOutlined aria-hidden />}
                      maxLength={8}
                      autoComplete="off"
                      aria-label={t('login.captcha')}
                      data-testid="login-captcha"
                      data-captcha-id={captcha.id}
                    />
                  </Form.Item>
                  <img
                    src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`}
                    alt={t('login.captchaAlt')}
                    width={120}
                    height={40}
                    style={{ flex: 'none', borderRadius: 4, border: '1px solid #d9d9d9' }}
                  />
                </Flex>
              </Form.Item>
            ) : null}
            {error ? (
              <Alert
                type={error.code === 'account_locked' || error.code === 'rate_limited' ? 'warning' : 'error'}
                showIcon
                title={errorTitle(error.code)}
                description={error.message}
                style={{ marginBottom: 16 }}
                data-testid="login-error"
              />
            ) : null}
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph
            type="secondary"
            style={{ fontSize: '0.8125rem', marginBottom: 0, textAlign: 'center' }}
          >
            {t('login.hint')}
          </Typography.Paragraph>
        </div>
      </main>

      <footer style={FOOTER_STYLE}>
        <div>{t('login.slogan')}</div>
        <div style={{ marginTop: 4 }}>{t('login.browser')}</div>
        <FooterNav
          style={{ marginTop: 8 }}
          links={[
            { to: '/public/admission', text: t('login.publicInfo'), testId: 'public-info-link' },
            { to: '/public/check', text: t('login.check') },
            { to: '/public/catalogs', text: t('login.catalogs') },
            { to: '/verify', text: t('login.verify') },
          ]}
        />
      </footer>
    </div>
  );
}
