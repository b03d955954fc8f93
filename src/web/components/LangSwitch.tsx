import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.js';

/**
 * One button that switches between 中文 and English; the choice is remembered in localStorage. Its
 * accessible name is its visible text (the language it switches to, marked with that language).
 */
export function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined aria-hidden />}
      title={t('app.lang.switch')}
      data-testid="lang-switch"
      onClick={() => setLocale(next)}
      style={dark ? { color: '#fff' } : undefined}
    >
      <span lang={next === 'en-US' ? 'en' : 'zh-CN'}>{next === 'en-US' ? t('app.lang.en') : t('app.lang.zh')}</span>
    </Button>
  );
}
