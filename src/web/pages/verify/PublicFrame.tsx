import { useEffect, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { LangSwitch } from '../../components/LangSwitch.js';
import { CareSwitch } from '../../components/CareSwitch.js';
import { MAIN_ID, SkipLink } from '../../components/SkipLink.js';
import { FOOTER_STYLE, FooterNav } from '../../components/FooterNav.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { HEADER_BG, HEADER_THEME } from '../../theme/theme.js';
import { useT } from '../../i18n/index.js';
import { LogoMark } from '../../components/LogoMark.js';

/**
 * The frame of the public pages (no login): a skip link, a slim header (关怀模式 and language), one
 * narrow column that reads well on a phone, and a footer with the way back to the sign-in page and
 * the accessibility statement.
 */
export function PublicFrame({
  title,
  children,
  maxWidth = 760,
}: {
  title: string;
  children: ReactNode;
  maxWidth?: number;
}) {
  const t = useT();
  const isMobile = useIsMobile();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: 'var(--jf-page-bg)' }}>
      <SkipLink />
      <ConfigProvider theme={HEADER_THEME}>
        <header
          className="jf-dark"
          style={{
            background: HEADER_BG,
            color: '#fff',
            minHeight: '3.25rem',
            display: 'flex',
            alignItems: 'center',
            gap: isMobile ? 4 : 10,
            padding: isMobile ? '0 0.5rem' : '0 1rem',
          }}
        >
          <LogoMark />
          <span style={{ fontSize: '1.0625rem', fontWeight: 600, letterSpacing: 2, whiteSpace: 'nowrap' }}>
            {t('app.name')}
          </span>
          <span
            style={{
              fontSize: '0.8125rem',
              borderLeft: '1px solid rgba(255,255,255,0.6)',
              paddingLeft: '0.625rem',
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              flex: 1,
              minWidth: 0,
            }}
          >
            {t('public.portal')}
          </span>
          <CareSwitch dark iconOnly={isMobile} />
          <LangSwitch dark />
        </header>
      </ConfigProvider>
      <main
        id={MAIN_ID}
        tabIndex={-1}
        style={{
          flex: 1,
          width: '100%',
          maxWidth: `${maxWidth / 16}rem`,
          boxSizing: 'border-box',
          margin: '0 auto',
          padding: '1rem 0.75rem 1.5rem',
        }}
      >
        <h1 style={{ fontSize: '1.25rem', margin: '0.25rem 0 1rem', fontWeight: 600 }}>{title}</h1>
        {children}
      </main>
      <footer style={FOOTER_STYLE}>
        <div>{t('layout.footer')}</div>
        <FooterNav
          style={{ marginTop: 4 }}
          links={[
            { to: '/public/report', text: t('public.reportLink') },
            { to: '/public/report/status', text: t('public.reportStatusLink') },
            { to: '/public/admission', text: t('public.decisionsLink') },
            { to: '/verify', text: t('public.verifyLink') },
            { to: '/login', text: t('public.signIn') },
          ]}
        />
      </footer>
    </div>
  );
}
