/**
 * The TypeScript types of every response body, derived from the response schemas (responses.ts),
 * so the domain, the widget and the moderation console share one description of the API's answers
 * (docs/api.md). Type-only: importing this module (with `import type`) brings no Zod code into the
 * browser bundles.
 */
import type * as z from 'zod';
import type {
  auditPage,
  bulkModerationResponse,
  countsResponse,
  editCommentResponse,
  errorResponse,
  healthResponse,
  lockResponse,
  moveThreadResponse,
  moderatedComment,
  moderationQueue,
  moderatorComment,
  postCommentResponse,
  publicComment,
  threadPage,
} from './responses';

export type ErrorBody = z.output<typeof errorResponse>;

/** A comment as anyone may read it; `author` is null for a deleted placeholder. */
export type PublicComment = z.output<typeof publicComment>;
export type PublicAuthor = NonNullable<PublicComment['author']>;
export type ThreadPage = z.output<typeof threadPage>;

/** The poster's answer to POST /v1/comments, and the comment as its author may see it (spam shows as pending). */
export type PostCommentResponse = z.output<typeof postCommentResponse>;
export type AuthorComment = PostCommentResponse['comment'];
export type EditCommentResponse = z.output<typeof editCommentResponse>;
export type CountsResponse = z.output<typeof countsResponse>;
export type HealthResponse = z.output<typeof healthResponse>;

/** A comment with everything a moderator needs to decide. */
export type ModeratorComment = z.output<typeof moderatorComment>;
export type ModerationEntry = ModeratorComment['moderation'][number];
export type ModerationQueue = z.output<typeof moderationQueue>;
export type QueuedComment = ModerationQueue['comments'][number];
export type ModeratedComment = z.output<typeof moderatedComment>;
export type BulkModerationResponse = z.output<typeof bulkModerationResponse>;
export type BulkOutcome = BulkModerationResponse['results'][string];
export type LockResponse = z.output<typeof lockResponse>;
export type MoveThreadResponse = z.output<typeof moveThreadResponse>;
export type AuditPage = z.output<typeof auditPage>;
export type AuditEntry = AuditPage['entries'][number];
