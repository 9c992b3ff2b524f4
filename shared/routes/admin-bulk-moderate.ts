import { bulkModerationInput } from '../schemas/moderation-input';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const AdminBulkModerate = defineRoute({
  name: 'AdminBulkModerate',
  method: 'POST',
  path: '/v1/admin/moderation',
  auth: 'moderator',
  entry: 'functions/admin-bulk-moderate.ts',
  tableAccess: [...CHANGE_COMMENT, 'DeleteItem'],
  indexes: [],
  usesSecret: false,
  summary: 'Approve, reject, mark spam or erase up to 100 comments',
  body: bulkModerationInput,
  success: { status: 200, body: 'bulkModerationResponse' },
  errors: [400, 401, 403, 413, 415],
  cache: 'no-store',
});
