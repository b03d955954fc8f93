import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.js';

/** One button that switches between 中文 and English; the choice is remembered in localStorage. */
export function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      aria-label={t('app.lang.switch')}
      title={t('app.lang.switch')}
      data-testid="lang-switch"
      onClick={() => setLocale(next)}
      style={dark ? { color: 'rgba(255,255,255,0.85)' } : undefined}
    >
      {next === 'en-US' ? t('app.lang.en') : t('app.lang.zh')}
    </Button>
  );
}
