// zod/mini, not classic zod: see common.ts. Kept apart from comment-input.ts so moderator
// functions do not bundle the email and URL validators they never use.
import * as z from 'zod/mini';
import { commentId, postId, singleLineText } from './common';

export const moderationReasonInput = z
  .strictObject({ reason: z.nullable(z.optional(singleLineText(500))) })
  .register(z.globalRegistry, { id: 'ModerationReasonRequest' });

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const bulkModerationInput = z
  .strictObject({
    action: z.enum([...MODERATION_ACTIONS, 'delete']),
    ids: z
      .array(commentId)
      .check(z.minLength(1, { message: 'At least one id' }), z.maxLength(100, { message: 'At most 100 ids' })),
    reason: z.nullable(z.optional(singleLineText(500))),
  })
  .register(z.globalRegistry, { id: 'BulkModerationRequest' });

/** A thread move: every comment of `from` goes to `to`; `merge` allows a target that has comments. */
export const moveThreadInput = z
  .strictObject({ from: postId, to: postId, merge: z.optional(z.boolean()) })
  .register(z.globalRegistry, { id: 'MoveThreadRequest' });
