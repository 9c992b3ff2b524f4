/**
 * Parley's message catalogues, shared by the widget and by pages the server renders (no DOM,
 * no Node): plain JSON objects keyed by message id, with `{name}` placeholders. A message that
 * depends on a count has one key per CLDR plural category, `id_one`, `id_few`, `id_other`...,
 * chosen with Intl.PluralRules; `_other` always exists and is the fallback.
 */
export type Catalogue = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Fills `{name}` placeholders; numbers are written the locale's way. An unknown placeholder stays visible. */
export function fill(locale: string, text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : typeof v === 'number' ? v.toLocaleString(locale) : v;
  });
}

export interface Translator {
  readonly locale: string;
  /** The message `id` (in this locale, else in the fallback catalogue), placeholders filled. */
  t(id: string, params?: Params): string;
  /** The plural form of `id` for `count`, with `{count}` filled. */
  plural(id: string, count: number, params?: Params): string;
}

/** Looks a message up in `messages`, then in `fallback` (English), then shows the id itself. */
export function translator(locale: string, messages: Catalogue, fallback: Catalogue): Translator {
  const find = (id: string) => messages[id] ?? fallback[id] ?? id;
  const rules = new Intl.PluralRules(locale);
  return {
    locale,
    t: (id, params) => fill(locale, find(id), params),
    plural(id, count, params) {
      const key = `${id}_${rules.select(count)}`;
      const text = messages[key] ?? messages[`${id}_other`] ?? fallback[key] ?? find(`${id}_other`);
      return fill(locale, text, { ...params, count });
    },
  };
}

/**
 * The best available locale for a BCP 47 tag: the tag itself, then shorter prefixes
 * (`pt-BR` -> `pt`, `zh-Hans-CN` -> `zh-Hans` -> `zh`), case-insensitively; else `fallback`.
 */
export function resolveLocale(tag: string | null | undefined, available: readonly string[], fallback = 'en'): string {
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  const parts = (tag ?? '').trim().replace(/_/g, '-').toLowerCase().split('-').filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const hit = byLower.get(parts.slice(0, n).join('-'));
    if (hit) return hit;
  }
  return fallback;
}

/**
 * Locale files as the widget fetches them: a message that English also has is keyed by its
 * position among English's keys (base 36) instead of its name, which keeps each file within its
 * gzip budget; plural forms English lacks (`_few`, `_many`) keep their names.
 */
export function compact(messages: Catalogue, englishKeys: readonly string[]): Catalogue {
  const position = new Map(englishKeys.map((k, i) => [k, i.toString(36)]));
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [position.get(k) ?? k, v]));
}

export function expand(file: Catalogue, englishKeys: readonly string[]): Catalogue {
  const name = (k: string) => (/^[0-9a-z]{1,2}$/.test(k) ? englishKeys[parseInt(k, 36)] : undefined) ?? k;
  return Object.fromEntries(Object.entries(file).map(([k, v]) => [name(k), v]));
}

/** Right-to-left scripts among the languages Parley may be translated into. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb']);
export const isRtl = (locale: string): boolean => RTL.has(locale.split('-')[0]!.toLowerCase());

/** The placeholder names of a message, sorted: a translation must use the same ones. */
export const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
