import { postCommentInput } from '../schemas/comment-input';
import { authorCredentialHeader, idempotencyKeyHeader } from '../schemas/request-headers';
import { defineRoute } from './spec';

export const PostComment = defineRoute({
  name: 'PostComment',
  method: 'POST',
  path: '/v1/comments',
  auth: 'public',
  entry: 'functions/post-comment.ts',
  tableAccess: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  indexes: [],
  usesSecret: true,
  summary: 'Post a comment or reply',
  body: postCommentInput,
  headers: { 'Idempotency-Key': idempotencyKeyHeader, 'X-Author-Credential': authorCredentialHeader },
  success: { status: 201, body: 'postCommentResponse' },
  errors: [400, 403, 404, 409, 413, 415],
  cache: 'no-store',
});
