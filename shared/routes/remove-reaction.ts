import { commentIdParam, reactionKindParam } from '../http/path-params';
import { reactionQuery } from '../schemas/query-params';
import { readerKeyHeader } from '../schemas/request-headers';
import { defineRoute } from './spec';

export const RemoveReaction = defineRoute({
  name: 'RemoveReaction',
  method: 'DELETE',
  path: '/v1/comments/{id}/reactions/{kind}',
  auth: 'public',
  entry: 'functions/remove-reaction.ts',
  tableAccess: ['DeleteItem', 'UpdateItem', 'ConditionCheckItem'],
  indexes: [],
  usesSecret: true,
  summary: 'Take back a reaction',
  pathParams: { id: commentIdParam, kind: reactionKindParam },
  query: reactionQuery,
  headers: { 'X-Reader-Key': readerKeyHeader },
  success: { status: 200, body: 'reactionResponse' },
  errors: [400, 403, 404],
  cache: 'no-store',
});
