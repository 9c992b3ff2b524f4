import { lockQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const AdminLockPost = defineRoute({
  name: 'AdminLockPost',
  method: 'PUT',
  path: '/v1/admin/posts/lock',
  auth: 'moderator',
  entry: 'functions/admin-lock-post.ts',
  tableAccess: ['UpdateItem', 'PutItem'],
  indexes: [],
  usesSecret: false,
  summary: 'Lock a thread',
  query: lockQuery,
  success: { status: 200, body: 'lockResponse' },
  errors: [400, 401, 403],
  cache: 'no-store',
});
