import { Suspense, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { isSignedOutOnPurpose, useMe } from '../api/auth.js';
import { accessOf } from '../access.js';
import { allows, landingPath, pages } from '../routes.js';
import { useT } from '../i18n/index.js';
import { PageSpin } from '../components/PageSpin.js';
import { AppLayout } from './AppLayout.js';
import { ForbiddenPage, NoMenuPage, NotFoundPage } from '../pages/errors/ErrorPages.js';

/**
 * Everything behind sign-in: loads the current user, sends visitors to /login and accounts that must
 * change their password to /password, then renders the registry's pages inside the layout.
 */
export default function AppShell() {
  const t = useT();
  const location = useLocation();
  const { data: me, isPending, error, refetch } = useMe();
  const access = useMemo(() => accessOf(me), [me]);

  if (isPending) return <PageSpin />;
  if (error)
    return (
      <Result
        status="error"
        title={<h1 className="jf-result-title">{t('common.loadFailed')}</h1>}
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (!me) {
    const here = location.pathname + location.search;
    // After a deliberate sign-out the next person starts afresh; after a timeout they come back here.
    return (
      <Navigate
        to={here === '/' || isSignedOutOnPurpose() ? '/login' : `/login?redirect=${encodeURIComponent(here)}`}
        replace
      />
    );
  }
  if (access.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  if (access.mfaEnrolmentRequired && location.pathname !== '/mfa') return <Navigate to="/mfa" replace />;

  const landing = landingPath(access);
  return (
    <AppLayout me={me} access={access}>
      <Suspense fallback={<PageSpin />}>
        <Routes>
          <Route index element={landing ? <Navigate to={landing} replace /> : <NoMenuPage />} />
          {pages.map((p) => {
            const Page = p.component;
            return <Route key={p.path} path={p.path} element={allows(p, access) ? <Page /> : <ForbiddenPage />} />;
          })}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}
