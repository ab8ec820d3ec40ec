import { en } from './en.js';
import { nl, type MessageKey } from './nl.js';

export type { MessageKey };
export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    const text = catalog[key] ?? nl[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}

/**
 * A module keeps its own texts beside its pages: `const texts = moduleMessages(nl, en)` and then
 * `texts(ctx.locale)('key', vars)`. English must have every Dutch key (the type says so).
 */
export function moduleMessages<K extends string>(nlTexts: Record<K, string>, enTexts: Record<K, string>) {
  return (locale: Locale) =>
    (key: K, vars?: Record<string, string | number>): string => {
      const text = (locale === 'en' ? enTexts[key] : undefined) ?? nlTexts[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
    };
}
