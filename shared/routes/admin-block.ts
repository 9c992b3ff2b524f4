import { commentIdParam } from '../http/path-params';
import { blockInput } from '../schemas/moderation-input';
import { defineRoute } from './spec';

export const AdminBlock = defineRoute({
  name: 'AdminBlock',
  method: 'POST',
  path: '/v1/admin/comments/{id}/block',
  auth: 'moderator',
  entry: 'functions/admin-block.ts',
  // Read the comment; put the block and the audit entry.
  tableAccess: ['GetItem', 'PutItem'],
  indexes: [],
  usesSecret: false,
  summary: "Block a comment's author or client for a number of days",
  pathParams: { id: commentIdParam },
  body: blockInput,
  success: { status: 200, body: 'blockResponse' },
  errors: [400, 401, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
