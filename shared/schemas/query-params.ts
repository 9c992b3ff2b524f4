// zod/mini, not classic zod: see common.ts.
import * as z from 'zod/mini';
import { STATUSES, cursorParam, isPostId, limitParam, postId } from './common';

export const listCommentsQuery = z.object({
  post: postId,
  sort: z.pipe(
    z.optional(z.enum(['oldest', 'newest'])),
    z.transform((s: 'oldest' | 'newest' | undefined) => s ?? 'oldest'),
  ),
  limit: limitParam(20, 100),
  cursor: cursorParam,
});
export type ListCommentsQuery = z.infer<typeof listCommentsQuery>;

/** API Gateway joins repeated query keys with commas; post ids never contain one. */
export const countsQuery = z.object({
  post: z
    .pipe(
      z.string(),
      z.transform((s: string) => [...new Set(s.split(','))]),
    )
    .check(
      z.refine((ids: string[]) => ids.length <= 100, { message: 'At most 100 posts' }),
      z.refine((ids: string[]) => ids.every(isPostId), { message: 'Every post must be a valid post id' }),
    ),
});

export const feedQuery = z.object({ post: z.optional(postId) });

export const adminListQuery = z.object({
  status: z.pipe(
    z.optional(z.enum(STATUSES)),
    z.transform((s: (typeof STATUSES)[number] | undefined) => s ?? 'pending'),
  ),
  post: z.optional(postId),
  limit: limitParam(50, 100),
  cursor: cursorParam,
});
export type AdminListQuery = z.infer<typeof adminListQuery>;

export const auditQuery = z.object({ limit: limitParam(50, 100), cursor: cursorParam });

export const lockQuery = z.object({ post: postId });

export const threadHtmlQuery = z.object({
  post: postId,
  limit: limitParam(50, 100),
  lang: z.optional(z.string().check(z.regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/, 'Must be a language tag'))),
  href: z.optional(
    z.pipe(
      z.url({ protocol: /^https?$/, message: 'Must be an http or https URL' }),
      z.transform((url: string) => new URL(url).href),
    ),
  ),
});
export type ThreadHtmlQuery = z.infer<typeof threadHtmlQuery>;

export const reactionQuery = z.object({ post: postId });

export const postReactionsQuery = z.object({
  post: postId,
  enabled: z.pipe(
    z.enum(['true', 'false']),
    z.transform((s: 'true' | 'false') => s === 'true'),
  ),
});
