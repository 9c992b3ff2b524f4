/**
 * The widget's words. English is bundled (the source catalogue); any other language is one
 * content-hashed JSON file next to embed.js, fetched only when the page asks for it. The
 * locale comes from `data-lang` on the widget's element, else `<html lang>`, else English.
 */
import { expand, translator, resolveLocale, type Params, type Translator } from '../../shared/i18n/format';
import en from '../../shared/i18n/locales/en.json';
import { ApiError } from './api';

/** Locale tag -> hashed file name, written by web/build.ts. */
declare const __PARLEY_LOCALES__: Record<string, string>;

export type MessageId = keyof typeof en;
/** Ids of count-dependent messages: `comments_count` for `comments_count_one`/`_other`. */
export type PluralId = { [K in MessageId]: K extends `${infer Base}_other` ? Base : never }[MessageId];

let current: Translator = translator('en', en, en);

export const t = (id: MessageId, params?: Params): string => current.t(id, params);
export const plural = (id: PluralId, count: number, params?: Params): string => current.plural(id, count, params);
export const locale = (): string => current.locale;

export const pickLocale = (root: HTMLElement): string =>
  resolveLocale(root.dataset.lang || document.documentElement.lang, ['en', ...Object.keys(__PARLEY_LOCALES__)]);

/** Loads `tag`'s catalogue from `base` (the folder of embed.js); English when it cannot. */
export async function useLocale(tag: string, base: string): Promise<void> {
  const file = __PARLEY_LOCALES__[tag];
  let messages: Record<string, string> = en;
  if (file) {
    try {
      const res = await fetch(new URL(file, base), { credentials: 'omit' });
      if (res.ok) messages = expand((await res.json()) as Record<string, string>, Object.keys(en));
    } catch {
      /* a reader without the translation still gets a working widget, in English */
    }
  }
  current = translator(messages === en ? 'en' : tag, messages, en);
}

const wait = (s: number | null) => (s ? plural('wait_seconds', s) : t('wait_moment'));

/** The reader's sentence for an API error (never server text); moderator wording stays in api.ts. */
export function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return t('error_generic');
  const { code, retryAfter } = e;
  if (code === 'validation_failed') return t('fix_fields');
  if (code === 'invalid_json' || code === 'unsupported_media_type') return t('error_unreadable');
  if (code === 'rate_limited' || code === 'unavailable') return t(`error_${code}`, { wait: wait(retryAfter) });
  const id = `error_${code}`;
  return id in en ? t(id as MessageId) : t('error_unknown', { code });
}
