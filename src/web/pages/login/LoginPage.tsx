import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, ConfigProvider, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { login, useMe, useSetMe } from '../../api/auth.js';
import { ApiError } from '../../api/client.js';
import { LangSwitch } from '../../components/LangSwitch.js';
import { CareSwitch } from '../../components/CareSwitch.js';
import { MAIN_ID, SkipLink } from '../../components/SkipLink.js';
import { FOOTER_STYLE, FooterNav } from '../../components/FooterNav.js';
import { HEADER_BG, HEADER_THEME } from '../../theme/theme.js';
import { useT } from '../../i18n/index.js';

/** Only same-site paths may be a post-login target (no open redirect). */
const safeRedirect = (r: string | null) =>
  r && r.startsWith('/') && !r.startsWith('//') && !r.startsWith('/login') ? r : '/';

function LogoMark({ size = 2.5 }: { size?: number }) {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" style={{ width: `${size}rem`, height: `${size}rem` }}>
      <rect width="64" height="64" rx="14" fill="#ffffff" />
      <path
        d="M18 40 L30 48 L47 20"
        fill="none"
        stroke="#1d5fc4"
        strokeWidth="7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const setMe = useSetMe();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} - ${t('app.name')}`;
  }, [t]);

  if (me) return <Navigate to={me.mustChangePassword ? '/password' : safeRedirect(params.get('redirect'))} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const signedIn = await login(v.username.trim(), v.password);
      setMe(signedIn);
      navigate(signedIn.mustChangePassword ? '/password' : safeRedirect(params.get('redirect')), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('network', t('error.network'), 0));
    } finally {
      setSubmitting(false);
    }
  };

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
          <LogoMark size={3.25} />
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
            {error ? (
              <Alert
                type={error.code === 'account_locked' ? 'warning' : 'error'}
                showIcon
                title={error.code === 'account_locked' ? t('login.locked') : t('login.failed')}
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
