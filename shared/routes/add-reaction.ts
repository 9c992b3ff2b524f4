import { commentIdParam, reactionKindParam } from '../http/path-params';
import { reactionQuery } from '../schemas/query-params';
import { readerKeyHeader } from '../schemas/request-headers';
import { defineRoute } from './spec';

export const AddReaction = defineRoute({
  name: 'AddReaction',
  method: 'PUT',
  path: '/v1/comments/{id}/reactions/{kind}',
  auth: 'public',
  entry: 'functions/add-reaction.ts',
  tableAccess: ['PutItem', 'UpdateItem', 'ConditionCheckItem'],
  indexes: [],
  usesSecret: true,
  summary: 'React to an approved comment',
  pathParams: { id: commentIdParam, kind: reactionKindParam },
  query: reactionQuery,
  headers: { 'X-Reader-Key': readerKeyHeader },
  success: { status: 200, body: 'reactionResponse' },
  errors: [400, 403, 404],
  cache: 'no-store',
});
