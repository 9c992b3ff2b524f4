import { commentIdParam } from '../http/path-params';
import { moderationVerdictInput } from '../schemas/moderation-input';
import { ifMatchHeader } from '../schemas/request-headers';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const AdminSpam = defineRoute({
  name: 'AdminSpam',
  method: 'POST',
  path: '/v1/admin/comments/{id}/spam',
  auth: 'moderator',
  entry: 'functions/admin-spam.ts',
  tableAccess: CHANGE_COMMENT,
  indexes: [],
  usesSecret: false,
  summary: 'Mark a comment as spam',
  pathParams: { id: commentIdParam },
  body: moderationVerdictInput,
  bodyOptional: true,
  headers: { 'If-Match': ifMatchHeader },
  success: { status: 200, body: 'moderatedComment' },
  errors: [400, 401, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
