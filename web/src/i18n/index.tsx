import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en';
import { getLang, type Lang, setLang, subscribeLang } from './lang';
import { type MessageKey, zhCN } from './zh-CN';

export type { Lang } from './lang';
export type { MessageKey } from './zh-CN';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type T = (key: MessageKey, params?: Params) => string;

/** The current language, the translate function bound to it, and a setter. */
export function useI18n(): { lang: Lang; t: T; setLang: (lang: Lang) => void; formatNumber: (n: number) => string } {
  const lang = useSyncExternalStore(subscribeLang, getLang);
  const t = useCallback<T>((key, params) => translate(lang, key, params), [lang]);
  const formatNumber = useCallback((n: number) => n.toLocaleString(lang), [lang]);
  return { lang, t, setLang, formatNumber };
}
