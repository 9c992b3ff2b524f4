/** Primary keys of every item kind in the single table (see the access patterns in the README). */
const key = (pk: string, sk: string) => ({ pk, sk });

export const commentKey = (id: string) => key(`COMMENT#${id}`, 'COMMENT');
export const postKey = (post: string) => key(`POST#${post}`, 'POST');
export const authorKey = (authorHash: string) => key(`AUTHOR#${authorHash}`, 'AUTHOR');
export const rateKey = (clientHash: string, windowStart: number) => key(`RATE#${clientHash}#${windowStart}`, 'RATE');
export const idempotencyKey = (keyHash: string) => key(`IDEMPOTENCY#${keyHash}`, 'IDEMPOTENCY');
export const recentKey = (fingerprintHash: string) => key(`RECENT#${fingerprintHash}`, 'RECENT');
/** A moderator's block of an author (by author key) or a client (by IP hash), until its TTL. */
export const blockKey = (target: 'author' | 'client', hash: string) => key(`BLOCK#${target}#${hash}`, 'BLOCK');
/** One reader's reaction of one kind to one comment; its existence is what the count counts. */
export const reactionKey = (commentId: string, readerHash: string, kind: string) =>
  key(`REACTION#${commentId}#${readerHash}`, kind);
/** One shard of a UTC day's count of comments held for moderation across the site (see `SITE_HELD_SHARDS`). */
export const heldDayKey = (day: string, shard: number) => key(`HELD#${day}#${shard}`, 'HELD');
/** Marks a held comment's TTL deletion as counted, so a redelivered stream record counts it once. */
export const expiredKey = (commentId: string) => key(`EXPIRED#${commentId}`, 'EXPIRED');
export const auditKey = (id: string) => key('AUDIT', id);
export const AUDIT_PARTITION = 'AUDIT';
/** Marks a one-time seeding (the local demo threads) as done. */
export const seedMarkerKey = (name: string) => key(`SEED#${name}`, 'SEED');

export const queueSortKey = (createdAt: string, id: string) => `${createdAt}#${id}`;
export const postQueuePartition = (post: string, status: string) => `${post}#${status}`;
/** The one partition of the site feed index: every approved comment. */
export const FEED_PARTITION = 'approved';
