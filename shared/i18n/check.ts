/**
 * What a translation must satisfy, so a locale never shows a raw id or drops a value: every
 * English message, no message English lacks, the same placeholders, and for a count-dependent
 * message exactly the plural forms its language has (Intl.PluralRules), `_other` included.
 * A plural form may leave `{count}` out ("تعليق واحد", "one comment").
 */
import { PLURAL_SUFFIX, placeholders, type Catalogue } from './format';

const base = (id: string) => id.replace(PLURAL_SUFFIX, '');

export function catalogueProblems(english: Catalogue, tag: string, messages: Catalogue): string[] {
  const problems: string[] = [];
  const pluralBases = new Set(
    Object.keys(english)
      .filter((id) => PLURAL_SUFFIX.test(id))
      .map(base),
  );
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  const expected = new Set(Object.keys(english).filter((id) => !pluralBases.has(base(id))));
  for (const b of pluralBases) for (const c of categories) expected.add(`${b}_${c}`);
  for (const id of expected) if (!(id in messages)) problems.push(`${tag}: missing "${id}"`);
  for (const [id, text] of Object.entries(messages)) {
    if (!expected.has(id)) {
      problems.push(`${tag}: "${id}" is not an English message (or not a plural form of ${tag})`);
      continue;
    }
    const plural = pluralBases.has(base(id));
    const source = english[id] ?? english[`${base(id)}_other`] ?? '';
    const want = placeholders(source).filter((p) => !plural || p !== 'count');
    const have = placeholders(text).filter((p) => !plural || p !== 'count');
    if (want.join() !== have.join())
      problems.push(`${tag}: "${id}" has placeholders {${have.join('}{')}}, English {${want.join('}{')}}`);
  }
  return problems;
}
