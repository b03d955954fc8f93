import { useI18n } from '../i18n/index.js';

export const MAIN_ID = 'main-content';

/**
 * 跳到主要内容: the first thing a keyboard user reaches on every page; it moves focus to the page's
 * <main id="main-content" tabIndex={-1}> (without touching the URL, which the router owns).
 */
export function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      className="jf-skip-link"
      href={`#${MAIN_ID}`}
      onClick={(e) => {
        const main = document.getElementById(MAIN_ID);
        if (!main) return;
        e.preventDefault();
        main.focus();
        main.scrollIntoView({ block: 'start' });
      }}
    >
      {t('a11y.skipToMain')}
    </a>
  );
}
