import { postReactionsQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const AdminPostReactions = defineRoute({
  name: 'AdminPostReactions',
  method: 'PUT',
  path: '/v1/admin/posts/reactions',
  auth: 'moderator',
  entry: 'functions/admin-post-reactions.ts',
  tableAccess: ['UpdateItem', 'PutItem'],
  indexes: [],
  usesSecret: false,
  summary: "Turn a post's reactions off or back on",
  query: postReactionsQuery,
  success: { status: 200, body: 'postReactionsResponse' },
  errors: [400, 401, 403],
  cache: 'no-store',
});
