import { z } from 'zod';
import { commentId, multiLineText, postId, singleLineText } from './common';

export const BODY_MAX = 10000;

const website = z
  .string()
  .trim()
  .max(500, { message: 'At most 500 characters' })
  .pipe(z.url({ protocol: /^https?$/, message: 'Must be an http or https URL' }))
  // Stored in WHATWG-normalised form: percent-encoded, so no quote or bracket survives into any consumer's markup.
  .transform((url) => new URL(url).href);

export const authorInput = z.strictObject({
  name: singleLineText(80),
  email: z.string().trim().max(254, { message: 'At most 254 characters' }).pipe(z.email({ message: 'Not a valid email address' })).optional().nullable(),
  website: website.optional().nullable(),
});

export const postCommentInput = z
  .strictObject({
    post: postId,
    parentId: commentId.optional().nullable(),
    author: authorInput,
    body: multiLineText(BODY_MAX),
    notifyReplies: z.boolean().optional(),
    title: singleLineText(300).optional().nullable(),
    url: website.optional().nullable(),
    hp: z.string().max(1000).optional(),
    elapsedMs: z.number().int().min(0).max(86_400_000 * 30).optional().meta({ description: 'Milliseconds the form was open before it was sent (a spam signal; sent by the widget)' }),
  })
  .meta({ id: 'PostCommentRequest' });
export type PostCommentInput = z.infer<typeof postCommentInput>;

export const editCommentInput = z.strictObject({ body: multiLineText(BODY_MAX) }).meta({ id: 'EditCommentRequest' });
export type EditCommentInput = z.infer<typeof editCommentInput>;

export const moderationReasonInput = z
  .strictObject({ reason: singleLineText(500).optional().nullable() })
  .meta({ id: 'ModerationReasonRequest' });

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const bulkModerationInput = z
  .strictObject({
    action: z.enum([...MODERATION_ACTIONS, 'delete']),
    ids: z.array(commentId).min(1, { message: 'At least one id' }).max(100, { message: 'At most 100 ids' }),
    reason: singleLineText(500).optional().nullable(),
  })
  .meta({ id: 'BulkModerationRequest' });
export type BulkModerationInput = z.infer<typeof bulkModerationInput>;
