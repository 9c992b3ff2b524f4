import type { Config } from '../config';
import { keyedHash } from '../crypto';
import type { ReactionKind } from '../domain/reactions';
import { AppError } from '../errors';
import { writeReaction } from '../store/reaction-writes';
import { getSecret } from '../store/secret';
import { rateCharge, rateLimited, type RateLimitSettings } from './rate-limit';

export type ReactSettings = Pick<Config, 'reactions'> & RateLimitSettings;

export interface ReactCommand {
  readonly commentId: string;
  readonly post: string;
  readonly kind: ReactionKind;
  readonly on: boolean;
  readonly readerKey: string;
  readonly sourceIp: string;
}

export interface ReactResult {
  readonly id: string;
  readonly kind: ReactionKind;
  readonly reacted: boolean;
  readonly changed: boolean;
}

/**
 * Adds or takes back one reader's reaction: one TransactWriteItems whatever the thread's size.
 * A reader is the widget's random key together with the keyed hash of the client address, so
 * clearing storage or changing networks makes a new reader, but one browser cannot count twice
 * and a key copied elsewhere is another reader. Asking for what already stands changes nothing
 * and answers `changed: false`.
 */
export const react = async (settings: ReactSettings, cmd: ReactCommand): Promise<ReactResult> => {
  if (!settings.reactions) throw new AppError('reactions_off', 'Reactions are turned off on this site');
  const secret = await getSecret();
  const now = Date.now();
  const ipHash = keyedHash(secret, 'ip', cmd.sourceIp);
  const readerHash = keyedHash(secret, 'reader', `${cmd.readerKey}\0${ipHash}`);
  const rate = rateCharge(settings, ipHash, now);
  const outcome = await writeReaction({
    commentId: cmd.commentId,
    post: cmd.post,
    kind: cmd.kind,
    readerHash,
    on: cmd.on,
    rate,
    at: new Date(now).toISOString(),
  });
  const answer = { id: cmd.commentId, kind: cmd.kind, reacted: cmd.on };
  if (outcome.ok) return { ...answer, changed: true };
  if (outcome.failed.has('comment')) throw new AppError('not_found', 'No approved comment with this id on this post');
  if (outcome.failed.has('post')) throw new AppError('reactions_off', 'Reactions are turned off on this post');
  if (outcome.failed.has('rate')) throw rateLimited(settings, rate, now);
  return { ...answer, changed: false };
};
