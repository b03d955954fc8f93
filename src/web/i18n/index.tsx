import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { format as formatMessage, formatKeyed, type Keyed, type Locale, type MessageKey } from '../../shared/i18n.js';

export type { Locale, MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'jianfu.locale';

function readStoredLocale(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

// The current locale also lives outside React so that api/client.ts can word its own messages.
let current: Locale = typeof window === 'undefined' ? 'zh-CN' : readStoredLocale();

/** Translate outside React (api client, non-component helpers). */
export const translate: Translate = (key, vars) => formatMessage(current, key, vars);
export const currentLocale = () => current;

/**
 * Writes the current locale to localStorage again. Sign-out answers with `Clear-Site-Data: "storage"`,
 * which wipes it; the language choice is a device preference, not session data, so it is restored.
 */
export function persistLocale() {
  try {
    window.localStorage.setItem(STORAGE_KEY, current);
  } catch {
    /* private mode */
  }
}

function applyLocale(locale: Locale) {
  current = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale === 'zh-CN' ? 'zh-CN' : 'en';
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
  /** A text the API sent by key (a suggestion's reason), in the current locale. */
  keyed: (m: Keyed) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(current);
  applyLocale(locale);
  useEffect(() => persistLocale(), [locale]);
  const setLocale = useCallback((l: Locale) => setLocaleState(l), []);
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => formatMessage(locale, key, vars),
      keyed: (m) => formatKeyed(locale, m),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The t() function of the current locale. */
export const useT = (): Translate => useI18n().t;

/** Picks the zh or en half of a `{ zh, en }` label (ROLE_LABELS, REGION_LEVEL_LABELS). */
export function useLabel() {
  const { locale } = useI18n();
  return useCallback(
    (l: { zh: string; en: string } | undefined, fallback = '') => (l ? (locale === 'zh-CN' ? l.zh : l.en) : fallback),
    [locale],
  );
}
