import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { queryClient } from './queryClient.js';
import { ConfigProvider, message, notification, type ConfigProviderProps } from 'antd';
// Deep ESM imports (not 'antd/locale/…', which pulls antd's CommonJS build into the bundle).
import zhCNModule from 'antd/es/locale/zh_CN.js';
import enUSModule from 'antd/es/locale/en_US.js';
import { configureClient } from './api/client.js';
import { ME_KEY } from './api/auth.js';
import { FeedbackContext, type Feedback } from './components/feedback.js';
import { useI18n } from './i18n/index.js';
import { PageSpin } from './components/PageSpin.js';
import { publicPages } from './routes.js';
import { buildTheme } from './theme/theme.js';
import { useCare, useReducedMotion, useRootPx } from './theme/care.js';
import { useKeyboardScrollRegions } from './components/useKeyboardScrollRegions.js';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;
// antd's es/ files are ESM without "type": "module", so TypeScript sees a CommonJS namespace; Vite
// hands over the default export. Accept both shapes.
const unwrap = (m: unknown) => ((m as { default?: AntdLocale }).default ?? m) as AntdLocale;
const zh_CN = unwrap(zhCNModule);
const en_US = unwrap(enUSModule);

const LoginPage = lazy(() => import('./pages/login/LoginPage.js'));
const AppShell = lazy(() => import('./layout/AppShell.js'));

/**
 * Wires the api client's one error path to antd (message for ordinary errors, notification for
 * server and network failures) and to the router (401 → /login, password_change_required → /password).
 */
function ClientBridge({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { t } = useI18n();
  const [msg, msgHolder] = message.useMessage();
  const [noti, notiHolder] = notification.useNotification();
  const feedback = useMemo<Feedback>(() => ({ message: msg, notification: noti }), [msg, noti]);
  const path = location.pathname + location.search;

  useEffect(() => {
    configureClient({
      notify: (err) => {
        if (err.status === 0 || err.status >= 500 || err.code === 'http') {
          noti.error({
            key: `err-${err.code}`,
            title: t('error.title'),
            description: err.requestId
              ? `${err.message}（${t('error.requestId', { id: err.requestId })}）`
              : err.message,
          });
        } else msg.error({ key: `err-${err.code}-${err.message}`, content: err.message });
      },
      unauthenticated: () => {
        qc.setQueryData(ME_KEY, null);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        msg.warning({ key: 'session-expired', content: t('error.sessionExpired') });
        if (!window.location.pathname.startsWith('/login'))
          navigate(`/login?redirect=${encodeURIComponent(path)}`, { replace: true });
      },
      passwordChangeRequired: () => {
        msg.warning({ key: 'pw-required', content: t('error.passwordChangeRequired') });
        void qc.invalidateQueries({ queryKey: ME_KEY });
        navigate('/password', { replace: true });
      },
      mfaEnrolmentRequired: () => {
        msg.warning({ key: 'mfa-required', content: t('error.mfaEnrolmentRequired') });
        void qc.invalidateQueries({ queryKey: ME_KEY });
        navigate('/mfa', { replace: true });
      },
    });
  }, [msg, noti, navigate, qc, t, path]);

  return (
    <FeedbackContext.Provider value={feedback}>
      {msgHolder}
      {notiHolder}
      {children}
    </FeedbackContext.Provider>
  );
}

export default function App() {
  const { locale } = useI18n();
  const { care } = useCare();
  const rootPx = useRootPx();
  const reducedMotion = useReducedMotion();
  const theme = useMemo(() => buildTheme({ care, rootPx, reducedMotion }), [care, rootPx, reducedMotion]);
  useKeyboardScrollRegions();
  // Styles (and the browser tests) can tell which theme is applied.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = care ? 'care' : 'normal';
  }, [care]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zh_CN : en_US} theme={theme}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ClientBridge>
            <Suspense fallback={<PageSpin />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {publicPages.map((p) => (
                  <Route key={p.path} path={p.path} element={<p.component />} />
                ))}
                <Route path="/*" element={<AppShell />} />
              </Routes>
            </Suspense>
          </ClientBridge>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
