/**
 * Comment counts for index pages: fills every `[data-parley-count="post-id"]` with "3 comments"
 * from ONE `GET /v1/counts` request per 100 distinct posts, in the page's language (`<html lang>`,
 * or `data-lang` on the script): Intl.PluralRules picks the form, the words come from the same
 * locale file the widget uses, fetched alongside the counts.
 * `<script src=".../count.js" data-api="https://api..." defer></script>`
 */
import { expand, resolveLocale, translator, type Catalogue } from '../../shared/i18n/format';
// Only the two English forms are bundled (esbuild keeps just the named JSON keys).
import { comments_count_one, comments_count_other } from '../../shared/i18n/locales/en.json';

declare const __PARLEY_LOCALES__: Record<string, string>;
/** The `comments_count_*` ids of English, and the position of the first (web/build.ts). */
declare const __PARLEY_COUNT_KEYS__: string[];
declare const __PARLEY_KEY_BASE__: number;
/** English's keys as far as this script needs them: only the plural forms of `comments_count`. */
const KEYS: string[] = [];
__PARLEY_COUNT_KEYS__.forEach((k, i) => (KEYS[__PARLEY_KEY_BASE__ + i] = k));

const script = document.currentScript as HTMLScriptElement | null;
const api = (script?.dataset.api ?? '').replace(/\/+$/, '');
const base = script?.src || location.href;
const english: Catalogue = { comments_count_one, comments_count_other };

async function words(): Promise<ReturnType<typeof translator>> {
  const tag = resolveLocale(script?.dataset.lang || document.documentElement.lang, Object.keys(__PARLEY_LOCALES__));
  const file = __PARLEY_LOCALES__[tag];
  if (file) {
    try {
      const res = await fetch(new URL(file, base), { credentials: 'omit' });
      if (res.ok) return translator(tag, expand((await res.json()) as Catalogue, KEYS), english);
    } catch {
      /* English it is */
    }
  }
  return translator('en', english, english);
}

async function fill(): Promise<void> {
  const els = Array.from(document.querySelectorAll<HTMLElement>('[data-parley-count]'));
  const ids = [...new Set(els.map((el) => el.dataset.parleyCount!).filter(Boolean))];
  if (!ids.length) return;
  const language = words();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      const q = chunk.map((id) => `post=${encodeURIComponent(id)}`).join('&');
      try {
        const res = await fetch(`${api}/v1/counts?${q}`, { credentials: 'omit' });
        if (!res.ok) return;
        const { counts } = (await res.json()) as { counts: Record<string, number> };
        const { plural } = await language;
        for (const el of els) {
          const n = counts[el.dataset.parleyCount!];
          if (typeof n === 'number') el.textContent = plural('comments_count', n);
        }
      } catch {
        /* leave the page's own text in place */
      }
    }),
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void fill());
else void fill();
