import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/index.js';
import { StatementLink } from './StatementLink.js';

/** The footer of the pages outside the signed-in layout (login, public pages). */
export const FOOTER_STYLE: CSSProperties = {
  textAlign: 'center',
  color: 'var(--jf-text-secondary)',
  fontSize: '0.8125rem',
  padding: '0 1rem 1rem',
};

/** The footer's links, separated by dots, the accessibility statement always last. */
export function FooterNav({
  links,
  style,
}: {
  links: { to: string; text: ReactNode; testId?: string }[];
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const dot = (
    <span aria-hidden style={{ margin: '0 8px' }}>
      ·
    </span>
  );
  return (
    <nav aria-label={t('public.footerNav')} style={{ lineHeight: 2, ...style }}>
      {links.map((l) => (
        <Fragment key={l.to}>
          <Link to={l.to} data-testid={l.testId}>
            {l.text}
          </Link>
          {dot}
        </Fragment>
      ))}
      <StatementLink />
    </nav>
  );
}
