import { PAGE_CATALOGUES } from '../../shared/notify/page-words';

const english = PAGE_CATALOGUES.en!;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("the notification pages speak the widget's 13 languages", () => {
  expect(Object.keys(PAGE_CATALOGUES).sort()).toEqual(
    ['ar', 'de', 'en', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'zh'].sort(),
  );
});

test.each(Object.keys(PAGE_CATALOGUES).filter((tag) => tag !== 'en'))(
  'the %s page catalogue has every English key, no other, with the same placeholders, none left in English',
  (tag) => {
    const catalogue = PAGE_CATALOGUES[tag]!;
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      expect({ key, placeholders: placeholders(catalogue[key]!) }).toEqual({ key, placeholders: placeholders(text) });
      if (text.length > 12) expect({ key, text: catalogue[key] }).not.toEqual({ key, text });
    }
  },
);
