import { commentIdParam } from '../http/path-params';
import { moderationReasonInput } from '../schemas/moderation-input';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const AdminEraseComment = defineRoute({
  name: 'AdminEraseComment',
  method: 'DELETE',
  path: '/v1/admin/comments/{id}',
  auth: 'moderator',
  entry: 'functions/admin-erase-comment.ts',
  tableAccess: [...CHANGE_COMMENT, 'DeleteItem'],
  indexes: [],
  usesSecret: false,
  summary: 'Erase a comment and everything personal in it',
  pathParams: { id: commentIdParam },
  body: moderationReasonInput,
  bodyOptional: true,
  success: { status: 204 },
  errors: [400, 401, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
