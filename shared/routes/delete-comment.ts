import { commentIdParam } from '../http/path-params';
import { editTokenHeader } from '../schemas/request-headers';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const DeleteComment = defineRoute({
  name: 'DeleteComment',
  method: 'DELETE',
  path: '/v1/comments/{id}',
  auth: 'public',
  entry: 'functions/delete-comment.ts',
  tableAccess: CHANGE_COMMENT,
  indexes: [],
  usesSecret: true,
  summary: "The author's delete, within the edit window",
  pathParams: { id: commentIdParam },
  headers: { 'X-Edit-Token': editTokenHeader },
  success: { status: 204 },
  errors: [401, 403, 404, 409],
  cache: 'no-store',
});
