import { blockedHash, blockFor, type BlockTarget } from '../domain/block';
import { AppError } from '../errors';
import { deleteBlock, writeBlock } from '../store/block-writes';
import { getComment } from '../store/reads';
import { audit, type Moderator } from './moderate';

/** Blocks the author or the client of a comment for `days`; blocking again renews it. Audited with its reason. */
export const blockFromComment = async (
  id: string,
  request: { target: BlockTarget; days: number; reason: string },
  by: Moderator,
) => {
  const comment = await getComment(id);
  const hash = blockedHash(comment, request.target);
  const now = Date.now();
  const block = blockFor(request.target, hash, request.days, request.reason, now);
  const entry = audit(
    `block-${request.target}`,
    by,
    comment!,
    `${request.reason} (${request.days} days)`,
    new Date(now).toISOString(),
  );
  await writeBlock(block, entry);
  return { block: { target: block.target, until: block.until, reason: block.reason } };
};

/** Lifts the block on the author or client of a comment; 404 when there is none (or it has ended). */
export const liftBlockFromComment = async (id: string, target: BlockTarget, by: Moderator): Promise<void> => {
  const comment = await getComment(id);
  const hash = blockedHash(comment, target);
  const now = Date.now();
  const entry = audit(`unblock-${target}`, by, comment!, null, new Date(now).toISOString());
  const outcome = await deleteBlock(target, hash, entry, Math.floor(now / 1000));
  if (!outcome.ok) throw new AppError('not_found', `This comment's ${target} is not blocked`);
};
