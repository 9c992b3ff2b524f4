/** Which reader a file needs, from its first characters (or `--format`). */
import type { SourceFormat } from './model';

export const FORMATS: readonly SourceFormat[] = [
  'disqus',
  'wordpress',
  'blogger-classic',
  'blogger-takeout',
  'remark42',
  'waline',
  'commento',
  'artalk',
  'parley',
];

export const detectFormat = (head: string): SourceFormat | undefined => {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"format"\s*:\s*"parley-export"/.test(text)) return 'parley';
    if (/"type"\s*:\s*"waline"/.test(text) || /"Comment"\s*:\s*\[/.test(text)) return 'waline';
    // Remark42's backup: a JSON line of metadata, then one JSON line per comment with a `locator`.
    if (/"commentHex"\s*:/.test(text) || /"commenters"\s*:/.test(text)) return 'commento';
    if (text.startsWith('[') && /"page_key"\s*:/.test(text)) return 'artalk';
    if (/^\{"version":\d+/.test(text) || /"locator"\s*:/.test(text)) return 'remark42';
    return undefined;
  }
  if (/<disqus[\s>]/.test(text)) return 'disqus';
  if (/wordpress\.org\/export\//.test(text)) return 'wordpress';
  if (/schemas\.google\.com\/blogger\/2018/.test(text)) return 'blogger-takeout';
  if (/<feed[\s>]/.test(text) && /blogger/i.test(text)) return 'blogger-classic';
  return undefined;
};
