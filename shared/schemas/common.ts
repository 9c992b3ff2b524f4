import { z } from 'zod';
import { ID_PATTERN } from '../ids';

/** Lengths count Unicode code points (API.md, "Edge cases"), not UTF-16 units. */
export const codePoints = (s: string): number => [...s].length;

const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_WHITESPACE = /[^\P{Cc}\n\t]/u;
/** Bidirectional overrides let a name display as something else; refuse them too. */
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/u;

export const singleLineText = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => codePoints(s) >= 1, { message: 'Required' })
    .refine((s) => codePoints(s) <= max, { message: `At most ${max} characters` })
    .refine((s) => !CONTROL.test(s) && !BIDI_OVERRIDE.test(s), { message: 'Control characters are not allowed' });

export const multiLineText = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => codePoints(s) >= 1, { message: 'Required' })
    .refine((s) => codePoints(s) <= max, { message: `At most ${max} characters` })
    .refine((s) => !CONTROL_EXCEPT_WHITESPACE.test(s.replace(/\r\n?/g, '\n')), { message: 'Control characters are not allowed' });

/** Post ids: 1-200 of `A-Z a-z 0-9 / _ . ~ -`, starting with a letter or digit, no `..`, `//` or comma. */
export const POST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/_.~-]{0,199}$/;
export const isPostId = (s: string): boolean => POST_ID_PATTERN.test(s) && !s.includes('..') && !s.includes('//');

export const postId = z
  .string()
  .refine(isPostId, { message: 'A post id is 1-200 characters of A-Z a-z 0-9 / _ . ~ -, starting with a letter or digit, without ".." or "//"' })
  .meta({ description: 'Post id, e.g. 2011/11/cloud-blog-on-wired-site-time-to-value', example: '2011/11/cloud-blog-on-wired-site-time-to-value' });

export const commentId = z.string().regex(ID_PATTERN, { message: 'Not a comment id' }).meta({ description: 'Comment id (ULID)' });

/** Query-string integer within a range: out-of-range is an error, never silently clamped. */
export const limitParam = (defaultValue: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,4}$/, { message: `Must be an integer from 1 to ${max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { message: `Must be an integer from 1 to ${max}` })
    .optional()
    .transform((n) => n ?? defaultValue);

export const cursorParam = z.string().min(1).max(2048).optional().meta({ description: 'Opaque cursor from a previous page' });

export const STATUSES = ['pending', 'approved', 'rejected', 'spam', 'deleted'] as const;
export type PublicStatus = (typeof STATUSES)[number];
