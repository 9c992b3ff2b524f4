import { commentIdParam } from '../http/path-params';
import { ownerReplyInput } from '../schemas/owner-reply-input';
import { defineRoute } from './spec';

export const AdminReply = defineRoute({
  name: 'AdminReply',
  method: 'POST',
  path: '/v1/admin/comments/{id}/reply',
  auth: 'moderator',
  entry: 'functions/admin-reply.ts',
  // Reads the parent and the secret; one transaction puts the reply, the counter, rate window,
  // duplicate marker and audit entry, and checks the parent is still approved.
  tableAccess: ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  indexes: [],
  usesSecret: true,
  summary: "Reply to a comment as the blog's owner (stored approved, with the moderator badge)",
  pathParams: { id: commentIdParam },
  body: ownerReplyInput,
  success: { status: 201, body: 'moderatorComment' },
  errors: [400, 401, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
