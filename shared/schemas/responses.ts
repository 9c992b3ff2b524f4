import * as z from 'zod';
import { STATUSES } from './common';

/** Response bodies, for the OpenAPI document and for compile-time checks against the domain's types. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'Each bad field path and why' }),
      current: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ description: 'A 409 for a verdict on an older version: the comment as it is now, as in the queue' }),
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

const reactionCounts = z
  .object({ like: z.number().int(), love: z.number().int(), laugh: z.number().int(), insightful: z.number().int() })
  .meta({ id: 'ReactionCounts', description: 'How many readers reacted with each kind' });

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
  reactions: typeof reactionCounts;
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
    reactions: reactionCounts,
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
    reactions: z.boolean().meta({ description: 'Whether readers may react on this post' }),
    comments: z.array(publicComment),
    nextCursor: z.string().nullable(),
    formToken: z.string().meta({
      description: 'Signed issue time of this page; send it back as formToken with a new comment (a spam signal)',
    }),
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
    authorCredential: z.string().nullable().meta({
      description: 'Null without an email. Keep it and send it as X-Author-Credential with later comments',
    }),
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
    version: z.number().int().min(1),
  })
  .meta({ id: 'ModeratorComment' });

export const queuedComment = moderatorComment
  .extend({
    parent: z
      .object({
        id: z.string(),
        authorName: z.string().nullable().meta({ description: 'null once the parent is deleted or erased' }),
        excerpt: z.string().meta({ description: "The start of the parent's text, plain; empty once removed" }),
      })
      .nullable()
      .meta({ description: 'The comment this one answers; null for a top-level comment' }),
    postTitle: z.string().nullable().meta({ description: "The post's title, once known" }),
  })
  .meta({ id: 'QueuedComment' });

export const moderationQueue = z
  .object({ comments: z.array(queuedComment), nextCursor: z.string().nullable() })
  .meta({ id: 'ModerationQueue' });

export const moderatedComment = z.object({ comment: moderatorComment }).meta({ id: 'ModeratedComment' });

export const bulkModerationResponse = z
  .object({ results: z.record(z.string(), z.enum(['ok', 'not_found', 'conflict'])) })
  .meta({ id: 'BulkModerationResponse' });

export const blockResponse = z
  .object({
    block: z.object({
      target: z.enum(['author', 'client']),
      until: z.string().meta({ description: 'When the block ends by itself' }),
      reason: z.string(),
    }),
  })
  .meta({ id: 'BlockResponse' });

export const moveThreadResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    moved: z.number().int().describe('Comments moved by this call'),
    done: z.boolean().describe('Nothing is left under `from`; until then, call again with the same body'),
  })
  .meta({ id: 'MoveThreadResponse' });

export const postMetaResponse = z
  .object({ post: z.string(), title: z.string().nullable(), url: z.string().nullable() })
  .meta({ id: 'PostMetaResponse' });

export const reactionResponse = z
  .object({
    id: z.string(),
    kind: z.enum(['like', 'love', 'laugh', 'insightful']),
    reacted: z.boolean().meta({ description: "The reader's reaction of this kind now stands (PUT) or not (DELETE)" }),
    changed: z.boolean().meta({ description: 'false when it already was so: the count did not move' }),
  })
  .meta({ id: 'ReactionResponse' });

export const postReactionsResponse = z
  .object({ post: z.string(), reactions: z.boolean() })
  .meta({ id: 'PostReactionsResponse' });

export const lockResponse = z.object({ post: z.string(), locked: z.boolean() }).meta({ id: 'LockResponse' });

export const auditPage = z
  .object({
    entries: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        by: z.string().meta({ description: "The moderator's immutable user pool `sub`" }),
        byName: z.string().meta({ description: 'Their username (or email) when they acted' }),
        byEmail: z.string().nullable().meta({ description: 'Their verified email when they acted, kept as it was' }),
        commentId: z.string().nullable(),
        post: z.string(),
        at: z.string(),
        reason: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });

export const mailSettings = z
  .object({
    mode: z.enum(['digest', 'off']).meta({ description: '`digest`: mails about waiting comments; `off`: none' }),
  })
  .meta({ id: 'MailSettings' });

export const myDataExport = z
  .object({
    exportedAt: z.string(),
    comments: z.array(
      z.object({
        id: z.string(),
        post: z.string(),
        parentId: z.string().nullable(),
        status: z.enum(['pending', 'approved', 'rejected', 'spam', 'deleted']),
        createdAt: z.string(),
        editedAt: z.string().nullable(),
        authorName: z.string().nullable(),
        authorWebsite: z.string().nullable(),
        text: z.string().meta({ description: 'As written (Markdown)' }),
      }),
    ),
    more: z.boolean().meta({ description: 'More than 1,000 comments: the first 1,000 are listed' }),
    subscription: z
      .object({
        email: z.string(),
        state: z.enum(['pending', 'confirmed', 'stopped']),
        stoppedReason: z.string().nullable(),
        updatedAt: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'MyDataExport' });
