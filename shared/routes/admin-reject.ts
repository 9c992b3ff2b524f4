import { commentIdParam } from '../http/path-params';
import { moderationVerdictInput } from '../schemas/moderation-input';
import { ifMatchHeader } from '../schemas/request-headers';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const AdminReject = defineRoute({
  name: 'AdminReject',
  method: 'POST',
  path: '/v1/admin/comments/{id}/reject',
  auth: 'moderator',
  entry: 'functions/admin-reject.ts',
  tableAccess: CHANGE_COMMENT,
  indexes: [],
  usesSecret: false,
  summary: 'Reject a comment',
  pathParams: { id: commentIdParam },
  body: moderationVerdictInput,
  bodyOptional: true,
  headers: { 'If-Match': ifMatchHeader },
  success: { status: 200, body: 'moderatedComment' },
  errors: [400, 401, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
