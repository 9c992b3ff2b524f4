/**
 * The caps on comments held for moderation (pending or spam, never approved, with an expiry): a
 * post holds at most `heldMaxPerPost` at a time (an exact count on the post item, see `heldMoves`),
 * and the site takes at most about `heldMaxPerDay` new ones a UTC day. The day's count is split
 * over a few shard items, each allowed its share, because every held arrival writes one of them
 * and a single item would make concurrent arrivals contend.
 */
import { AppError } from '../errors';

export const SITE_HELD_SHARDS = 8;

export interface SiteHeldCharge {
  readonly day: string;
  readonly shard: number;
  readonly max: number;
  /** Epoch seconds: the shard item outlives its day by a day, then TTL removes it. */
  readonly expiresAt: number;
}

const DAY_SECONDS = 86_400;

/** Which shard a comment charges follows from its id (ULIDs end in random characters). */
export const siteHeldCharge = (id: string, nowMs: number, maxPerDay: number): SiteHeldCharge => {
  const dayStart = Math.floor(nowMs / 1000 / DAY_SECONDS) * DAY_SECONDS;
  return {
    day: new Date(dayStart * 1000).toISOString().slice(0, 10),
    shard: (id.charCodeAt(id.length - 1) + id.charCodeAt(id.length - 2)) % SITE_HELD_SHARDS,
    max: Math.ceil(maxPerDay / SITE_HELD_SHARDS),
    expiresAt: dayStart + 2 * DAY_SECONDS,
  };
};

/** The post holds its cap of waiting comments: a moderator must clear some first. */
export const postQueueFull = (): AppError =>
  new AppError(
    'queue_full',
    'Too many comments on this post are waiting for a moderator; try again later',
    undefined,
    3600,
  );

/** The site took its day's share of held comments: try again after midnight UTC. */
export const siteQueueFull = (charge: SiteHeldCharge, nowMs: number): AppError =>
  new AppError(
    'queue_full',
    'Too many comments are waiting for a moderator today; try again tomorrow',
    undefined,
    Math.max(1, charge.expiresAt - DAY_SECONDS - Math.floor(nowMs / 1000)),
  );
