import { adminListQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const AdminListComments = defineRoute({
  name: 'AdminListComments',
  method: 'GET',
  path: '/v1/admin/comments',
  auth: 'moderator',
  entry: 'functions/admin-list-comments.ts',
  tableAccess: ['Query', 'BatchGetItem'],
  indexes: ['queue', 'postQueue', 'feed', 'postFeed'],
  usesSecret: true,
  summary: 'The moderation queue, newest first',
  query: adminListQuery,
  success: { status: 200, body: 'moderationQueue' },
  errors: [400, 401, 403],
  cache: 'no-store',
});
