/**
 * The route table: the one list of Parley's HTTP routes. The CDK stack makes one API Gateway
 * route and one Lambda function per entry, the local server dispatches with it, and the tests
 * walk it. `tableAccess` lists the DynamoDB actions the function may perform (least privilege).
 */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';

import type { INDEXES } from './store/table-definition';

export type IndexName = keyof typeof INDEXES;

export interface Route {
  /** Stable identifier; also the CDK construct id of the route's function. */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, e.g. `/v1/comments/{id}`. */
  readonly path: string;
  /** `moderator` routes sit behind the JWT authorizer and require the `moderators` group. */
  readonly auth: 'public' | 'moderator';
  /** Lambda entry file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly tableAccess: readonly TableAction[];
  /**
   * The indexes its Queries read. A function may query these and nothing else (not the base table,
   * not the queue indexes that carry personal data), unless the list is empty and it queries the
   * base table itself.
   */
  readonly indexes: readonly IndexName[];
  /** The handler reads the HMAC secret (hashing IPs and emails, signing cursors and edit tokens). */
  readonly usesSecret: boolean;
}

/**
 * A change to one comment: read it, replace it (conditional Put), move the counters or the rate
 * window (Updates) and, for moderators, write the audit entry (Put). `test/api/least-privilege.test.ts`
 * checks every route's handlers stay within their list.
 */
const changeComment: readonly TableAction[] = ['GetItem', 'PutItem', 'UpdateItem'];

export const routes: readonly Route[] = [
  {
    name: 'ListComments',
    method: 'GET',
    path: '/v1/comments',
    auth: 'public',
    entry: 'functions/list-comments.ts',
    tableAccess: ['Query', 'GetItem'],
    indexes: ['thread', 'threadNewest'],
    usesSecret: true,
  },
  {
    name: 'PostComment',
    method: 'POST',
    path: '/v1/comments',
    auth: 'public',
    entry: 'functions/post-comment.ts',
    tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    indexes: [],
    usesSecret: true,
  },
  {
    name: 'EditComment',
    method: 'PATCH',
    path: '/v1/comments/{id}',
    auth: 'public',
    entry: 'functions/edit-comment.ts',
    tableAccess: changeComment,
    indexes: [],
    usesSecret: true,
  },
  {
    name: 'DeleteComment',
    method: 'DELETE',
    path: '/v1/comments/{id}',
    auth: 'public',
    entry: 'functions/delete-comment.ts',
    tableAccess: changeComment,
    indexes: [],
    usesSecret: true,
  },
  {
    name: 'GetCounts',
    method: 'GET',
    path: '/v1/counts',
    auth: 'public',
    entry: 'functions/get-counts.ts',
    tableAccess: ['BatchGetItem'],
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'GetFeed',
    method: 'GET',
    path: '/v1/feed',
    auth: 'public',
    entry: 'functions/get-feed.ts',
    tableAccess: ['Query', 'BatchGetItem'],
    indexes: ['queue', 'postQueue'],
    usesSecret: false,
  },
  {
    name: 'Health',
    method: 'GET',
    path: '/v1/health',
    auth: 'public',
    entry: 'functions/health.ts',
    tableAccess: ['GetItem'],
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminListComments',
    method: 'GET',
    path: '/v1/admin/comments',
    auth: 'moderator',
    entry: 'functions/admin-list-comments.ts',
    tableAccess: ['Query'],
    indexes: ['queue', 'postQueue'],
    usesSecret: true,
  },
  {
    name: 'AdminApprove',
    method: 'POST',
    path: '/v1/admin/comments/{id}/approve',
    auth: 'moderator',
    entry: 'functions/admin-approve.ts',
    tableAccess: changeComment,
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminReject',
    method: 'POST',
    path: '/v1/admin/comments/{id}/reject',
    auth: 'moderator',
    entry: 'functions/admin-reject.ts',
    tableAccess: changeComment,
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminSpam',
    method: 'POST',
    path: '/v1/admin/comments/{id}/spam',
    auth: 'moderator',
    entry: 'functions/admin-spam.ts',
    tableAccess: changeComment,
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminBulkModerate',
    method: 'POST',
    path: '/v1/admin/moderation',
    auth: 'moderator',
    entry: 'functions/admin-bulk-moderate.ts',
    tableAccess: [...changeComment, 'DeleteItem'],
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminEraseComment',
    method: 'DELETE',
    path: '/v1/admin/comments/{id}',
    auth: 'moderator',
    entry: 'functions/admin-erase-comment.ts',
    tableAccess: [...changeComment, 'DeleteItem'],
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminLockPost',
    method: 'PUT',
    path: '/v1/admin/posts/lock',
    auth: 'moderator',
    entry: 'functions/admin-lock-post.ts',
    tableAccess: ['UpdateItem', 'PutItem'],
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminUnlockPost',
    method: 'DELETE',
    path: '/v1/admin/posts/lock',
    auth: 'moderator',
    entry: 'functions/admin-unlock-post.ts',
    tableAccess: ['UpdateItem', 'PutItem'],
    indexes: [],
    usesSecret: false,
  },
  {
    name: 'AdminAudit',
    method: 'GET',
    path: '/v1/admin/audit',
    auth: 'moderator',
    entry: 'functions/admin-audit.ts',
    tableAccess: ['Query'],
    indexes: [],
    usesSecret: true,
  },
];

export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;
