import { commentIdParam } from '../http/path-params';
import { editCommentInput } from '../schemas/comment-input';
import { editTokenHeader } from '../schemas/request-headers';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const EditComment = defineRoute({
  name: 'EditComment',
  method: 'PATCH',
  path: '/v1/comments/{id}',
  auth: 'public',
  entry: 'functions/edit-comment.ts',
  // ConditionCheckItem: an edit is refused once the thread is locked (checked in its transaction).
  tableAccess: [...CHANGE_COMMENT, 'ConditionCheckItem'],
  indexes: [],
  usesSecret: true,
  summary: "The author's edit, within the edit window",
  pathParams: { id: commentIdParam },
  body: editCommentInput,
  headers: { 'X-Edit-Token': editTokenHeader },
  success: { status: 200, body: 'editCommentResponse' },
  errors: [400, 401, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
