import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { LangSwitch } from '../../components/LangSwitch.js';
import { useT } from '../../i18n/index.js';

function LogoMark() {
  return (
    <svg width={28} height={28} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="64" height="64" rx="12" fill="#ffffff" />
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

/**
 * The frame of the public pages (no login): a slim header, one narrow column that reads well on a
 * phone, and a footer with the way back to the sign-in page.
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
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f0f2f5' }}>
      <header
        style={{
          background: '#0f3f8c',
          color: '#fff',
          height: 52,
          display: 'flex',
          alignItems: 'center',
          gap: 10,
          padding: '0 16px',
        }}
      >
        <LogoMark />
        <span style={{ fontSize: 17, fontWeight: 600, letterSpacing: 2, whiteSpace: 'nowrap' }}>{t('app.name')}</span>
        <span
          style={{
            fontSize: 13,
            opacity: 0.8,
            borderLeft: '1px solid rgba(255,255,255,0.4)',
            paddingLeft: 10,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            flex: 1,
            minWidth: 0,
          }}
        >
          {t('public.portal')}
        </span>
        <LangSwitch dark />
      </header>
      <main
        style={{
          flex: 1,
          width: '100%',
          maxWidth,
          boxSizing: 'border-box',
          margin: '0 auto',
          padding: '16px 12px 24px',
        }}
      >
        <h1 style={{ fontSize: 20, margin: '4px 0 16px', fontWeight: 600 }}>{title}</h1>
        {children}
      </main>
      <footer style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '0 16px 16px' }}>
        <div>{t('layout.footer')}</div>
        <div style={{ marginTop: 4 }}>
          <Link to="/public/admission">{t('public.decisionsLink')}</Link>
          <span style={{ margin: '0 8px' }}>·</span>
          <Link to="/verify">{t('public.verifyLink')}</Link>
          <span style={{ margin: '0 8px' }}>·</span>
          <Link to="/login">{t('public.signIn')}</Link>
        </div>
      </footer>
    </div>
  );
}
