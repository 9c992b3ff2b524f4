/** The message catalogues of shared/i18n: complete, consistent, and read the way the widget reads them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueProblems } from '../../shared/i18n/check';
import { isRtl, resolveLocale, translator, type Catalogue } from '../../shared/i18n/format';

const DIR = path.resolve(__dirname, '../../shared/i18n/locales');
const load = (tag: string) => JSON.parse(readFileSync(path.join(DIR, `${tag}.json`), 'utf8')) as Catalogue;
const en = load('en');
const tags = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));

test('at least 12 locales, among them a right-to-left one, Chinese and Japanese', () => {
  expect(tags.length).toBeGreaterThanOrEqual(12);
  expect(tags).toEqual(
    expect.arrayContaining(['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'ru', 'ar', 'ja', 'zh']),
  );
  expect(tags.some(isRtl)).toBe(true);
});

test.each(tags)('%s has every English message, nothing else, and the same placeholders', (tag) => {
  expect(catalogueProblems(en, tag, load(tag))).toEqual([]);
});

describe('the catalogue check', () => {
  const de = load('de');
  test('reports a message English has and the locale misses', () => {
    const { empty: _gone, ...missing } = de;
    expect(catalogueProblems(en, 'de', missing)).toEqual(['de: missing "empty"']);
  });
  test('reports a message English does not have', () => {
    expect(catalogueProblems(en, 'de', { ...de, emtpy: 'Leer' })).toEqual([
      'de: "emtpy" is not an English message (or not a plural form of de)',
    ]);
  });
  test('reports a placeholder that differs from English', () => {
    expect(catalogueProblems(en, 'de', { ...de, reply_to: 'Antwort an {nmae}' })).toEqual([
      'de: "reply_to" has placeholders {nmae}, English {name}',
    ]);
  });
  test('asks for the plural forms of the language, not those of English', () => {
    const { comments_count_few: _few, ...ru } = load('ru');
    expect(catalogueProblems(en, 'ru', ru)).toEqual(['ru: missing "comments_count_few"']);
    expect(catalogueProblems(en, 'ja', { ...load('ja'), comments_count_one: '{count} 件' })).toHaveLength(1);
  });
});

test('a region falls back to its language, an unknown language to English', () => {
  const available = ['en', 'pt', 'zh', 'de'];
  expect(resolveLocale('pt-BR', available)).toBe('pt');
  expect(resolveLocale('zh-Hans-CN', available)).toBe('zh');
  expect(resolveLocale('DE_at', available)).toBe('de');
  expect(resolveLocale('tlh', available)).toBe('en');
  expect(resolveLocale('', available)).toBe('en');
  expect(resolveLocale(undefined, available)).toBe('en');
});

test('plural forms follow the language and numbers are written its way', () => {
  const ru = translator('ru', load('ru'), en);
  expect([1, 3, 5, 21].map((n) => ru.plural('comments_count', n))).toEqual([
    '1 комментарий',
    '3 комментария',
    '5 комментариев',
    '21 комментарий',
  ]);
  expect(translator('de', load('de'), en).plural('comments_count', 1234)).toBe('1.234 Kommentare');
  expect(translator('ar', load('ar'), en).plural('comments_count', 2)).toBe('تعليقان');
});

test('a message a locale lacks is shown in English, an unknown id as itself', () => {
  const partial = translator('de', { reply: 'Antworten' }, en);
  expect(partial.t('reply')).toBe('Antworten');
  expect(partial.t('reply_to', { name: 'Ana' })).toBe('Reply to Ana');
  expect(partial.t('no_such_message')).toBe('no_such_message');
});
