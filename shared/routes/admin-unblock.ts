import { commentIdParam } from '../http/path-params';
import { unblockQuery } from '../schemas/moderation-input';
import { defineRoute } from './spec';

export const AdminUnblock = defineRoute({
  name: 'AdminUnblock',
  method: 'DELETE',
  path: '/v1/admin/comments/{id}/block',
  auth: 'moderator',
  entry: 'functions/admin-unblock.ts',
  // Read the comment; delete the block, put the audit entry.
  tableAccess: ['GetItem', 'DeleteItem', 'PutItem'],
  indexes: [],
  usesSecret: false,
  summary: "Lift the block on a comment's author or client",
  pathParams: { id: commentIdParam },
  query: unblockQuery,
  success: { status: 204 },
  errors: [400, 401, 403, 404, 409],
  cache: 'no-store',
});
