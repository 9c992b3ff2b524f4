// zod/mini, not classic zod: these schemas are bundled into every handler, and mini costs a fifth of the bytes.
import * as z from 'zod/mini';
import { ID_PATTERN } from '../ids';

/**
 * zod/mini installs no locale (every built-in issue would read "Invalid input"). Parley's schemas
 * give their own message wherever a reader may see one; this short map words the rest, for a
 * fraction of the bytes of zod's full English locale.
 */
const reason = (issue: z.core.$ZodRawIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Required' : `Expected ${issue.expected}`;
    case 'too_big':
      return `Must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return `Must be at least ${String(issue.minimum)}`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'Unknown field';
    default:
      return 'Invalid value';
  }
};
if (!z.config().localeError) z.config({ localeError: reason });

/** Lengths count Unicode code points (docs/api.md, "Edge cases"), not UTF-16 units. */
export const codePoints = (s: string): number => [...s].length;

const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_WHITESPACE = /[^\P{Cc}\n\t]/u;
/** Bidirectional overrides let a name display as something else; refuse them too. */
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/u;
/** Half of a surrogate pair on its own is not text, and a store may reject or mangle it. */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = z.refine<string>((s) => !LONE_SURROGATE.test(s), { message: 'Must be valid Unicode text' });

/**
 * Characters that show nothing on their own: white space, format characters (zero-width space and
 * joiners, BOM, word joiner), variation selectors, combining grapheme joiner and the blank "letters"
 * (Hangul fillers, braille blank) often used to fake an empty name.
 */
const INVISIBLE =
  /[\p{White_Space}\p{Cf}\p{Cc}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5|\p{Variation_Selector}/gu;
const visible = z.refine<string>((s) => s.replace(INVISIBLE, '') !== '', {
  message: 'Must contain visible characters',
});

export const singleLineText = (max: number) =>
  z.string().check(
    z.trim(),
    z.refine((s: string) => codePoints(s) >= 1, { message: 'Required' }),
    z.refine((s: string) => codePoints(s) <= max, { message: `At most ${max} characters` }),
    z.refine((s: string) => !CONTROL.test(s) && !BIDI_OVERRIDE.test(s), {
      message: 'Control characters are not allowed',
    }),
    wellFormed,
    visible,
  );

export const multiLineText = (max: number) =>
  z.string().check(
    z.trim(),
    z.refine((s: string) => codePoints(s) >= 1, { message: 'Required' }),
    z.refine((s: string) => codePoints(s) <= max, { message: `At most ${max} characters` }),
    z.refine((s: string) => !CONTROL_EXCEPT_WHITESPACE.test(s.replace(/\r\n?/g, '\n')), {
      message: 'Control characters are not allowed',
    }),
    wellFormed,
    visible,
  );

/** Post ids: 1-200 of `A-Z a-z 0-9 / _ . ~ -`, starting with a letter or digit, no `..`, `//` or comma. */
export const POST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/_.~-]{0,199}$/;
export const isPostId = (s: string): boolean => POST_ID_PATTERN.test(s) && !s.includes('..') && !s.includes('//');

export const postId = z
  .string()
  .check(
    z.refine(isPostId, {
      message:
        'A post id is 1-200 characters of A-Z a-z 0-9 / _ . ~ -, starting with a letter or digit, without ".." or "//"',
    }),
  )
  .register(z.globalRegistry, {
    description: 'Post id, e.g. 2011/11/cloud-blog-on-wired-site-time-to-value',
    example: '2011/11/cloud-blog-on-wired-site-time-to-value',
  });

export const commentId = z
  .string()
  .check(z.regex(ID_PATTERN, { message: 'Not a comment id' }))
  .register(z.globalRegistry, { description: 'Comment id (ULID)' });

/** Query-string integer within a range: out-of-range is an error, never silently clamped. */
export const limitParam = (defaultValue: number, max: number) =>
  z.pipe(
    z.optional(
      z
        .pipe(
          z.string().check(z.regex(/^[0-9]{1,4}$/, { message: `Must be an integer from 1 to ${max}` })),
          z.transform(Number),
        )
        .check(z.refine((n: number) => n >= 1 && n <= max, { message: `Must be an integer from 1 to ${max}` })),
    ),
    z.transform((n: number | undefined) => n ?? defaultValue),
  );

export const cursorParam = z
  .optional(z.string().check(z.minLength(1), z.maxLength(2048)))
  .register(z.globalRegistry, { description: 'Opaque cursor from a previous page' });

export const STATUSES = ['pending', 'approved', 'rejected', 'spam', 'deleted'] as const;
