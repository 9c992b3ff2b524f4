import type * as z from 'zod/mini';
import { editCommentInput, postCommentInput } from './comment-input';
import { bulkModerationInput, moderationReasonInput } from './moderation-input';
import { adminListQuery, auditQuery, countsQuery, feedQuery, listCommentsQuery, lockQuery } from './query-params';
import * as res from './responses';

/** Request schemas are `zod/mini` (bundled into handlers), response schemas classic `zod`: both are core schemas. */
export interface RouteContract {
  readonly summary: string;
  readonly query?: z.core.$ZodObject;
  readonly body?: z.core.$ZodType;
  readonly bodyOptional?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** Success status and body schema; `null` for an empty body, `'atom'` for the feed. */
  readonly success: readonly [number, z.core.$ZodType | null | 'atom'];
  /** Error statuses this route may answer besides 429/503, which every route may. */
  readonly errors: readonly number[];
}

/** What each route (by route-table name) accepts and answers: the source of the OpenAPI document. */
export const ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
  ListComments: {
    summary: "One page of a post's approved thread",
    query: listCommentsQuery,
    success: [200, res.threadPage],
    errors: [400],
  },
  PostComment: {
    summary: 'Post a comment or reply',
    body: postCommentInput,
    headers: {
      'Idempotency-Key': 'Optional, 1-128 visible ASCII characters; replays within 24 h return the first response',
    },
    success: [201, res.postCommentResponse],
    errors: [400, 403, 404, 409, 413, 415],
  },
  EditComment: {
    summary: "The author's edit, within the edit window",
    body: editCommentInput,
    headers: { 'X-Edit-Token': 'The editToken of the 201 response' },
    success: [200, res.editCommentResponse],
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  DeleteComment: {
    summary: "The author's delete, within the edit window",
    headers: { 'X-Edit-Token': 'The editToken of the 201 response' },
    success: [204, null],
    errors: [401, 403, 404, 409],
  },
  GetCounts: {
    summary: 'Approved-comment counts of up to 100 posts',
    query: countsQuery,
    success: [200, res.countsResponse],
    errors: [400],
  },
  GetFeed: {
    summary: 'Atom feed of the 50 newest approved comments of a post or the site',
    query: feedQuery,
    success: [200, 'atom'],
    errors: [400],
  },
  Health: { summary: 'Whether the handler reaches the store', success: [200, res.healthResponse], errors: [] },
  AdminListComments: {
    summary: 'The moderation queue, newest first',
    query: adminListQuery,
    success: [200, res.moderationQueue],
    errors: [400, 401, 403],
  },
  AdminApprove: {
    summary: 'Approve a comment',
    body: moderationReasonInput,
    bodyOptional: true,
    success: [200, res.moderatedComment],
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  AdminReject: {
    summary: 'Reject a comment',
    body: moderationReasonInput,
    bodyOptional: true,
    success: [200, res.moderatedComment],
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  AdminSpam: {
    summary: 'Mark a comment as spam',
    body: moderationReasonInput,
    bodyOptional: true,
    success: [200, res.moderatedComment],
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  AdminBulkModerate: {
    summary: 'Approve, reject, mark spam or erase up to 100 comments',
    body: bulkModerationInput,
    success: [200, res.bulkModerationResponse],
    errors: [400, 401, 403, 413, 415],
  },
  AdminEraseComment: {
    summary: 'Erase a comment and everything personal in it',
    body: moderationReasonInput,
    bodyOptional: true,
    success: [204, null],
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  AdminLockPost: {
    summary: 'Lock a thread',
    query: lockQuery,
    success: [200, res.lockResponse],
    errors: [400, 401, 403],
  },
  AdminUnlockPost: {
    summary: 'Unlock a thread',
    query: lockQuery,
    success: [200, res.lockResponse],
    errors: [400, 401, 403],
  },
  AdminAudit: {
    summary: 'Every moderation action, newest first',
    query: auditQuery,
    success: [200, res.auditPage],
    errors: [400, 401, 403],
  },
};
