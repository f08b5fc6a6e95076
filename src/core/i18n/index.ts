import { enUS, type MessageKey } from './en-US';
import { zhCN } from './zh-CN';

export type Locale = 'en-US' | 'zh-CN';
export type { MessageKey };

const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { 'en-US': enUS, 'zh-CN': zhCN };

/** Picks the catalogue for an Office or browser language tag: zh* → zh-CN, anything else → en-US. */
export function localeFor(tag: string | null | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/** A translated string with `{name}` placeholders filled. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** True when `key` is a message of the catalogues (for keys built from data, e.g. a method id). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(enUS, key);
}

/** A translator bound to one locale. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
