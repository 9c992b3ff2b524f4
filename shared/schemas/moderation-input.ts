// zod/mini, not classic zod: see common.ts. Kept apart from comment-input.ts so moderator
// functions do not bundle the email and URL validators they never use.
import * as z from 'zod/mini';
import { commentId, postId, singleLineText } from './common';

export const moderationReasonInput = z
  .strictObject({ reason: z.nullable(z.optional(singleLineText(500))) })
  .register(z.globalRegistry, { id: 'ModerationReasonRequest' });

/** The comment's `version` as the moderator saw it (the queue shows it); a newer one is a 409 `conflict`. */
const seenVersion = z.int().check(z.minimum(1, { message: 'Must be at least 1' }));

export const moderationVerdictInput = z
  .strictObject({ reason: z.nullable(z.optional(singleLineText(500))), version: z.optional(seenVersion) })
  .register(z.globalRegistry, { id: 'ModerationVerdictRequest' });

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const bulkModerationInput = z
  .strictObject({
    action: z.enum([...MODERATION_ACTIONS, 'delete']),
    ids: z
      .array(commentId)
      .check(z.minLength(1, { message: 'At least one id' }), z.maxLength(100, { message: 'At most 100 ids' })),
    reason: z.nullable(z.optional(singleLineText(500))),
    /** id -> the version the moderator saw; a comment that changed since answers `conflict`. */
    versions: z.optional(z.record(commentId, seenVersion)),
  })
  .register(z.globalRegistry, { id: 'BulkModerationRequest' });

export const BLOCK_TARGETS = ['author', 'client'] as const;
export type BlockTarget = (typeof BLOCK_TARGETS)[number];

export const blockInput = z
  .strictObject({
    target: z.enum(BLOCK_TARGETS),
    days: z.int().check(z.minimum(1, { message: 'Must be at least 1' }), z.maximum(365, { message: 'At most 365' })),
    reason: singleLineText(500),
  })
  .register(z.globalRegistry, { id: 'BlockRequest' });

export const unblockQuery = z.object({ target: z.enum(BLOCK_TARGETS) });

/** A thread move: every comment of `from` goes to `to`; `merge` allows a target that has comments. */
export const moveThreadInput = z
  .strictObject({ from: postId, to: postId, merge: z.optional(z.boolean()) })
  .register(z.globalRegistry, { id: 'MoveThreadRequest' });
