/**
 * The words of the notification pages, in the reader's language: `lang` (the link or the form
 * carries it) first, else the browser's Accept-Language, else English. The catalogues are
 * shared/i18n/pages/*.json, apart from the widget's so its locale files stay small.
 */
import { isRtl, resolveLocale, translator, type Catalogue, type Translator } from '../i18n/format';
import ar from '../i18n/pages/ar.json';
import de from '../i18n/pages/de.json';
import en from '../i18n/pages/en.json';
import es from '../i18n/pages/es.json';
import fr from '../i18n/pages/fr.json';
import he from '../i18n/pages/he.json';
import it from '../i18n/pages/it.json';
import ja from '../i18n/pages/ja.json';
import nl from '../i18n/pages/nl.json';
import pl from '../i18n/pages/pl.json';
import pt from '../i18n/pages/pt.json';
import ru from '../i18n/pages/ru.json';
import zh from '../i18n/pages/zh.json';

export const PAGE_CATALOGUES: Readonly<Record<string, Catalogue>> = {
  ar,
  de,
  en,
  es,
  fr,
  he,
  it,
  ja,
  nl,
  pl,
  pt,
  ru,
  zh,
};
const TAGS = Object.keys(PAGE_CATALOGUES);

export type PageWordId = keyof typeof en;

export interface PageWords {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  t(id: PageWordId, params?: Record<string, string | number>): string;
  plural(id: string, count: number): string;
}

/** `de-CH,de;q=0.9,en;q=0.8` -> the first tag, by weight, that Parley has. */
const fromAcceptLanguage = (header: string | undefined): string | undefined =>
  (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => resolveLocale(entry.tag, TAGS, ''))
    .find((tag) => tag !== '');

export const pageWords = (lang: string | undefined, acceptLanguage: string | undefined): PageWords => {
  const tag = (lang && resolveLocale(lang, TAGS, '')) || fromAcceptLanguage(acceptLanguage) || 'en';
  const words: Translator = translator(tag, PAGE_CATALOGUES[tag]!, en);
  return {
    lang: tag,
    dir: isRtl(tag) ? 'rtl' : 'ltr',
    t: (id, params) => words.t(id, params),
    plural: (id, count) => words.plural(id, count),
  };
};
