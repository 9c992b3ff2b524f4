/**
 * Every catalogue, for pages the server renders (the HTML view of a thread). The widget does not
 * import this: it bundles English and fetches one other locale file on demand (web/src/i18n.ts).
 */
import ar from './locales/ar.json';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import he from './locales/he.json';
import it from './locales/it.json';
import ja from './locales/ja.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import pt from './locales/pt.json';
import ru from './locales/ru.json';
import zh from './locales/zh.json';
import { resolveLocale, translator, type Catalogue, type Translator } from './format';

const CATALOGUES: Readonly<Record<string, Catalogue>> = { ar, de, en, es, fr, he, it, ja, nl, pl, pt, ru, zh };

/** The first `Accept-Language` tag Parley speaks, by preference order (q values), else English. */
const fromAcceptLanguage = (header: string | undefined): string =>
  (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => resolveLocale(l.tag, Object.keys(CATALOGUES), ''))
    .find(Boolean) ?? 'en';

/** `?lang=` when given (best match, else English), otherwise the reader's Accept-Language. */
export const serverTranslator = (lang: string | undefined, acceptLanguage: string | undefined): Translator => {
  const tag = lang ? resolveLocale(lang, Object.keys(CATALOGUES)) : fromAcceptLanguage(acceptLanguage);
  return translator(tag, CATALOGUES[tag] ?? en, en);
};
