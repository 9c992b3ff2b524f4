import * as z from 'zod';
import { STATUSES } from './common';

/** Response bodies, for the OpenAPI document and for compile-time checks against the domain's types. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'Each bad field path and why' }),
    }),
  })
  .meta({ id: 'Error' });

const author = z.object({
  name: z.string(),
  website: z.string().nullable(),
  avatar: z.string().nullable().meta({ description: 'Keyed hash of the email, for identicons' }),
  role: z.literal('moderator').optional().meta({
    description:
      "Present only on a moderator's reply from the console (POST /v1/admin/comments/{id}/reply); no public request can set it",
  }),
});

// Built once, on first use: the schema is recursive.
let replies: z.ZodArray<typeof publicComment> | undefined;

export const publicComment: z.ZodObject<{
  id: z.ZodString;
  post: z.ZodString;
  parentId: z.ZodNullable<z.ZodString>;
  depth: z.ZodNumber;
  author: z.ZodNullable<typeof author>;
  html: z.ZodString;
  createdAt: z.ZodString;
  editedAt: z.ZodNullable<z.ZodString>;
  deleted: z.ZodBoolean;
  readonly replies: z.ZodArray<typeof publicComment>;
}> = z
  .object({
    id: z.string(),
    post: z.string(),
    parentId: z.string().nullable(),
    depth: z.number().int().min(0).max(5),
    author: author.nullable().meta({ description: 'null for a deleted placeholder' }),
    html: z.string().meta({ description: 'Safe HTML rendered from the Markdown body' }),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    deleted: z.boolean(),
    get replies(): z.ZodArray<typeof publicComment> {
      return (replies ??= z
        .array(publicComment)
        .meta({ id: 'Replies', description: 'Approved replies, oldest first' }));
    },
  })
  .meta({ id: 'Comment' });

export const threadPage = z
  .object({
    post: z.string(),
    total: z.number().int(),
    locked: z.boolean(),
    comments: z.array(publicComment),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ThreadPage' });

const authorComment = publicComment
  .extend({ status: z.enum(['pending', 'approved', 'deleted']) })
  .meta({ id: 'AuthorComment' });

export const postCommentResponse = z
  .object({
    comment: authorComment,
    editToken: z.string().meta({ description: 'Shown once; send as X-Edit-Token to edit or delete' }),
    editableUntil: z.string(),
  })
  .meta({ id: 'PostCommentResponse' });

export const editCommentResponse = z.object({ comment: authorComment }).meta({ id: 'EditCommentResponse' });

export const countsResponse = z
  .object({ counts: z.record(z.string(), z.number().int()) })
  .meta({ id: 'CountsResponse' });

export const healthResponse = z.object({ ok: z.literal(true) }).meta({ id: 'HealthResponse' });

export const moderatorComment = publicComment
  .extend({
    status: z.enum([...STATUSES]),
    body: z.string(),
    email: z.string().nullable(),
    ipHash: z.string().nullable(),
    userAgent: z.string().nullable(),
    spam: z.object({ score: z.number(), reasons: z.array(z.string()) }),
    moderation: z.array(
      z.object({ action: z.string(), by: z.string(), at: z.string(), reason: z.string().nullable() }),
    ),
  })
  .meta({ id: 'ModeratorComment' });

export const moderationQueue = z
  .object({ comments: z.array(moderatorComment), nextCursor: z.string().nullable() })
  .meta({ id: 'ModerationQueue' });

export const moderatedComment = z.object({ comment: moderatorComment }).meta({ id: 'ModeratedComment' });

export const bulkModerationResponse = z
  .object({ results: z.record(z.string(), z.enum(['ok', 'not_found', 'conflict'])) })
  .meta({ id: 'BulkModerationResponse' });

export const lockResponse = z.object({ post: z.string(), locked: z.boolean() }).meta({ id: 'LockResponse' });

export const auditPage = z
  .object({
    entries: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        by: z.string(),
        commentId: z.string().nullable(),
        post: z.string(),
        at: z.string(),
        reason: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });
