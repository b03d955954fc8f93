import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { useT } from '../../i18n/index.js';

function useTitle(title: string) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
}

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  useTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="jf-result-title">{t('notFound.title')}</h1>}
      subTitle={t('notFound.sub')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  useTitle(t('forbidden.title'));
  return (
    <Result
      status="403"
      title={<h1 className="jf-result-title">{t('forbidden.title')}</h1>}
      subTitle={t('forbidden.sub')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

/** A signed-in account without any role: nothing to show but the way to get one. */
export function NoMenuPage() {
  const t = useT();
  useTitle(t('noMenu.title'));
  return (
    <Result status="info" title={<h1 className="jf-result-title">{t('noMenu.title')}</h1>} subTitle={t('noMenu.sub')} />
  );
}
