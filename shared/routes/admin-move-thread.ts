import { moveThreadInput } from '../schemas/moderation-input';
import { defineRoute } from './spec';

export const AdminMoveThread = defineRoute({
  name: 'AdminMoveThread',
  method: 'POST',
  path: '/v1/admin/posts/move',
  auth: 'moderator',
  entry: 'functions/admin-move-thread.ts',
  tableAccess: ['GetItem', 'BatchGetItem', 'Query', 'UpdateItem', 'PutItem'],
  indexes: ['postQueue', 'thread'],
  usesSecret: false,
  summary: "Move a post's comments to another post id, a chunk per call",
  body: moveThreadInput,
  success: { status: 200, body: 'moveThreadResponse' },
  errors: [400, 401, 403, 409, 413, 415],
  cache: 'no-store',
});
