import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en';
import { getLang, type Lang, setLang, subscribeLang } from './lang';
import { type MessageKey, zhCN } from './zh-CN';

export type { Lang } from './lang';
export type { MessageKey } from './zh-CN';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

/** The dotted prefixes of a key: `appeals.status.closed` → `appeals` | `appeals.status`. */
type PrefixOf<K extends string> = K extends `${infer Head}.${infer Rest}` ? Head | `${Head}.${PrefixOf<Rest>}` : never;

/** A group of keys that names the values of a server field (`appeals.status`, `venues.category`, …). */
export type LabelGroup = PrefixOf<MessageKey>;

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** One message in one language, its `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return fill(dictionaries[lang][key] ?? zhCN[key] ?? key, params);
}

/** The name of a value the server sends as a code (a status, a category): the value itself when unknown. */
export function labelOf(lang: Lang, group: LabelGroup, value: string, params?: Params): string {
  const key = `${group}.${value}`;
  const text = (dictionaries[lang] as Record<string, string | undefined>)[key];
  return text === undefined ? value : fill(text, params);
}

export type T = (key: MessageKey, params?: Params) => string;
export type Label = (group: LabelGroup, value: string, params?: Params) => string;

/** The current language, the translate and label functions bound to it, and a setter. */
export function useI18n(): {
  lang: Lang;
  t: T;
  label: Label;
  setLang: (lang: Lang) => void;
  formatNumber: (n: number) => string;
} {
  const lang = useSyncExternalStore(subscribeLang, getLang);
  const t = useCallback<T>((key, params) => translate(lang, key, params), [lang]);
  const label = useCallback<Label>((group, value, params) => labelOf(lang, group, value, params), [lang]);
  const formatNumber = useCallback((n: number) => n.toLocaleString(lang), [lang]);
  return { lang, t, label, setLang, formatNumber };
}
