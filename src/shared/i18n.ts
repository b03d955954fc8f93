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
