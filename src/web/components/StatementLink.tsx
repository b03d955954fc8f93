import { Link } from 'react-router';
import { useI18n } from '../i18n/index.js';

export const STATEMENT_PATH = '/accessibility';

/** The link to the accessibility statement (无障碍声明) that every footer carries. */
export function StatementLink() {
  const { t } = useI18n();
  return (
    <Link to={STATEMENT_PATH} data-testid="statement-link">
      {t('a11y.statementLink')}
    </Link>
  );
}
