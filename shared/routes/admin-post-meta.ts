import { postMetaInput } from '../schemas/post-meta-input';
import { lockQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const AdminPostMeta = defineRoute({
  name: 'AdminPostMeta',
  method: 'PUT',
  path: '/v1/admin/posts/meta',
  auth: 'moderator',
  entry: 'functions/admin-post-meta.ts',
  tableAccess: ['UpdateItem', 'PutItem'],
  indexes: [],
  usesSecret: false,
  summary: "Set or correct a post's title and URL in the feeds",
  query: lockQuery,
  body: postMetaInput,
  success: { status: 200, body: 'postMetaResponse' },
  errors: [400, 401, 403, 413, 415],
  cache: 'no-store',
});
