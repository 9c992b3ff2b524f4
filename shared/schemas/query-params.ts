import { z } from 'zod';
import { STATUSES, cursorParam, isPostId, limitParam, postId } from './common';

export const listCommentsQuery = z.object({
  post: postId,
  sort: z.enum(['oldest', 'newest']).optional().transform((s) => s ?? 'oldest'),
  limit: limitParam(20, 100),
  cursor: cursorParam,
});
export type ListCommentsQuery = z.infer<typeof listCommentsQuery>;

/** API Gateway joins repeated query keys with commas; post ids never contain one. */
export const countsQuery = z.object({
  post: z
    .string()
    .transform((s) => [...new Set(s.split(','))])
    .refine((ids) => ids.length <= 100, { message: 'At most 100 posts' })
    .refine((ids) => ids.every(isPostId), { message: 'Every post must be a valid post id' }),
});

export const feedQuery = z.object({ post: postId.optional() });

export const adminListQuery = z.object({
  status: z.enum(STATUSES).optional().transform((s) => s ?? 'pending'),
  post: postId.optional(),
  limit: limitParam(50, 100),
  cursor: cursorParam,
});
export type AdminListQuery = z.infer<typeof adminListQuery>;

export const auditQuery = z.object({ limit: limitParam(50, 100), cursor: cursorParam });

export const lockQuery = z.object({ post: postId });
