import { listCommentsQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const ListComments = defineRoute({
  name: 'ListComments',
  method: 'GET',
  path: '/v1/comments',
  auth: 'public',
  entry: 'functions/list-comments.ts',
  tableAccess: ['Query', 'GetItem'],
  indexes: ['thread', 'threadNewest'],
  usesSecret: true,
  summary: "One page of a post's approved thread",
  query: listCommentsQuery,
  success: { status: 200, body: 'threadPage' },
  errors: [400],
  cache: 'public',
});
