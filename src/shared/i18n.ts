/**
 * Messages by key in both locales (src/shared/locales): the web renders them in the user's language;
 * the server renders Chinese for error messages, notifications and exports from the same tables.
 */
import { zhCN, type MessageKey, type Messages } from './locales/zh-CN/index.js';
import { enUS } from './locales/en-US/index.js';

export type { MessageKey, Messages };
export type Locale = 'zh-CN' | 'en-US';
export type MessageParams = Record<string, string | number>;

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);

/** The text of `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function format(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = MESSAGES[locale][key] ?? zhCN[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Chinese, for the server (error messages, notifications, exports). */
export const zh = (key: MessageKey, params?: MessageParams) => format('zh-CN', key, params);

/** A text the API sends by key (a suggestion's reason …): a parameter may itself be a keyed text, or a list of them. */
export interface Keyed {
  /** A message key (typed as text: the API may send a key a newer server knows, shown as is). */
  key: string;
  params?: KeyedParams;
}
export type KeyedParams = Record<string, string | number | Keyed | Keyed[]>;

/** A keyed text in `locale`, its keyed parameters worded first (lists joined by the locale's separator). */
export function formatKeyed(locale: Locale, m: Keyed): string {
  const word = (v: string | number | Keyed | Keyed[]): string | number =>
    Array.isArray(v)
      ? v.map((x) => formatKeyed(locale, x)).join(format(locale, 'common.listSeparator'))
      : typeof v === 'object'
        ? formatKeyed(locale, v)
        : v;
  const params = m.params && Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, word(v)]));
  return format(locale, m.key as MessageKey, params);
}
