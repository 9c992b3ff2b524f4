import { moderatorView } from '../domain/comment';
import { decodeCursor, encodeCursor, isString, isStringRecord } from '../domain/cursor';
import type { AdminListQuery } from '../schemas/query-params';
import { queryByStatus } from '../store/listing-reads';
import { queueContext } from '../store/queue-context';
import { queryAudit } from '../store/reads';
import { getSecret } from '../store/secret';

/**
 * The moderator's reads: the queue and the audit log, each one Query with a signed cursor. Queue
 * entries come with the parent a reply answers and the post's title (store/queue-context.ts).
 */
const queueScope = (q: AdminListQuery) => `queue\0${q.status}\0${q.post ?? '*'}`;

export const moderationQueue = async (q: AdminListQuery) => {
  const secret = await getSecret();
  const continueFrom =
    q.cursor === undefined ? undefined : decodeCursor(secret, queueScope(q), q.cursor, isStringRecord);
  const page = await queryByStatus({ status: q.status, post: q.post, limit: q.limit, continueFrom });
  const context = await queueContext(page.comments);
  return {
    comments: page.comments.map((c) => ({ ...moderatorView(c), ...context.get(c.id)! })),
    nextCursor: page.continueFrom ? encodeCursor(secret, queueScope(q), page.continueFrom) : null,
  };
};

export const auditLog = async (q: { limit: number; cursor?: string }) => {
  const secret = await getSecret();
  const before = q.cursor === undefined ? undefined : decodeCursor(secret, 'audit', q.cursor, isString);
  const { entries, last } = await queryAudit({ limit: q.limit, before });
  return { entries, nextCursor: last ? encodeCursor(secret, 'audit', last) : null };
};
