import { lockQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const AdminUnlockPost = defineRoute({
  name: 'AdminUnlockPost',
  method: 'DELETE',
  path: '/v1/admin/posts/lock',
  auth: 'moderator',
  entry: 'functions/admin-unlock-post.ts',
  tableAccess: ['UpdateItem', 'PutItem'],
  indexes: [],
  usesSecret: false,
  summary: 'Unlock a thread',
  query: lockQuery,
  success: { status: 200, body: 'lockResponse' },
  errors: [400, 401, 403],
  cache: 'no-store',
});
