import type { Config } from '../config';
import { authorIdentity } from '../author-credential';
import { emailKeyOf, keyedHash, randomToken, sha256 } from '../crypto';
import { authorView, type CommentRecord } from '../domain/comment';
import { counterMoves, heldMoves, inThreadAfter } from '../domain/comment-lifecycle';
import { postQueueFull, siteHeldCharge, siteQueueFull } from '../domain/held-caps';
import { initialStatus } from '../domain/moderation-policy';
import { blogOrigins, checkPostId, urlOnBlog } from '../domain/post-meta';
import { renderMarkdown } from '../domain/render-markdown';
import { checkStoredSize } from '../domain/stored-size';
import { assessSpam, duplicateScope, type SpamSettings } from '../domain/spam';
import { childPath, placeReply } from '../domain/thread-sort-keys';
import { AppError, validationError } from '../errors';
import { formTokenAge } from '../form-token';
import { newId } from '../ids';
import type { PostCommentInput } from '../schemas/comment-input';
import { insertComment } from '../store/comment-writes';
import { getComment, getIdempotencyRecord, getPost, prefetchForPost, type IdempotencyRecord } from '../store/reads';
import { getSecret } from '../store/secret';
import { IDEMPOTENCY_TTL_SECONDS } from './idempotency';
import { rateCharge, rateLimited, type RateLimitSettings } from './rate-limit';

export interface PostCommentCommand {
  readonly input: PostCommentInput;
  readonly idempotencyKey: string | undefined;
  /** The `X-Author-Credential` header: proof of being the author an email's trust belongs to. */
  readonly authorCredential: string | undefined;
  readonly sourceIp: string;
  readonly userAgent: string;
}

export type PostCommentSettings = Pick<
  Config,
  | 'moderation'
  | 'editWindowSeconds'
  | 'duplicateWindowSeconds'
  | 'postIdPattern'
  | 'allowedOrigins'
  | 'siteUrl'
  | 'pendingRetentionDays'
  | 'heldMaxPerPost'
  | 'heldMaxPerDay'
  | 'blockedPosts'
> &
  SpamSettings &
  RateLimitSettings;

export interface PostCommentResult {
  readonly comment: ReturnType<typeof authorView>;
  readonly editToken: string;
  readonly editableUntil: string;
  /** For the widget to keep and send back as `X-Author-Credential`; null without an email. */
  readonly authorCredential: string | null;
}

/** Canonical JSON (sorted keys), so that "the same body" does not depend on key order or spacing. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);

/**
 * With an Idempotency-Key the edit token is derived from the key, so a replayed request can answer
 * with the same token although only its hash is stored.
 */
const editTokenFor = (secret: string, idempotencyHash: string | undefined, requestHash: string): string =>
  idempotencyHash ? keyedHash(secret, 'edit-token', `${idempotencyHash}\0${requestHash}`) : randomToken();

/**
 * Answers a replayed key. The record keeps nothing personal (an erased comment must not live on in
 * it), so the answer is rebuilt from the comment as it is now; a comment erased since is gone.
 */
const replay = async (
  secret: string,
  stored: IdempotencyRecord,
  keyHash: string,
  requestHash: string,
  credentialFor: (commentId: string) => string | null,
): Promise<PostCommentResult> => {
  if (stored.commentId === null)
    throw new AppError('not_found', 'The comment this request created has since been erased');
  if (stored.requestHash !== requestHash) {
    throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request body');
  }
  const comment = await getComment(stored.commentId);
  if (!comment || comment.status === 'erased')
    throw new AppError('not_found', 'The comment this request created has since been erased');
  return {
    comment: authorView(comment),
    editToken: editTokenFor(secret, keyHash, requestHash),
    editableUntil: stored.editableUntil,
    authorCredential: credentialFor(comment.id),
  };
};

const placeUnder = (input: PostCommentInput, parent: CommentRecord | undefined) => {
  if (!input.parentId) return { parentId: null, depth: 0, parentPath: null };
  if (!parent || parent.status !== 'approved' || parent.post !== input.post) {
    throw validationError({ parentId: 'Must be an approved comment of the same post' });
  }
  return placeReply(parent);
};

/**
 * Stores a new comment in two requests: one BatchGetItem reads what it depends on (the idempotency
 * record, the duplicate marker, blocks, the parent, under `trusted` the author's record), then one
 * TransactWriteItems writes it with its counters, caps, rate charge, marker and idempotency record.
 * The transaction re-checks what a concurrent request could change (the duplicate marker, the
 * idempotency record, the parent, the lock and the caps); only a failed condition costs another
 * request.
 */
export const postComment = async (
  settings: PostCommentSettings,
  cmd: PostCommentCommand,
): Promise<PostCommentResult> => {
  const { input } = cmd;
  checkPostId(input.post, settings.postIdPattern);
  const rendered = renderMarkdown(input.body);
  checkStoredSize(input.body, rendered.html);
  const secret = await getSecret();
  const now = Date.now();
  const nowSeconds = Math.floor(now / 1000);

  // Keyed: a stored hash of the whole input (name, email, text) must not let a guess be confirmed.
  const requestHash = keyedHash(secret, 'idempotency-request', canonical(input));
  const keyHash = cmd.idempotencyKey === undefined ? undefined : sha256(cmd.idempotencyKey);
  const email = input.author.email ? input.author.email.toLowerCase() : null;
  const id = newId(now);
  // A replay rebuilds the identity it created: rooted at its own comment unless the credential says otherwise.
  const identityOf = (rootIfNew: string) =>
    email ? authorIdentity(secret, email, cmd.authorCredential, rootIfNew) : undefined;
  const credentialFor = (commentId: string) => identityOf(commentId)?.credential ?? null;
  const hashes = identityOf(id);
  const authorHash = hashes?.authorKey;
  const emailKey = email ? emailKeyOf(secret, email) : null;
  const recentHash = keyedHash(secret, 'duplicate', duplicateScope(input.post, input.body));
  const formAgeMs = formTokenAge(secret, input.formToken, now);

  const ipHash = keyedHash(secret, 'ip', cmd.sourceIp);
  const before = await prefetchForPost({
    parentId: input.parentId ?? undefined,
    idempotencyHash: keyHash,
    recentHash,
    authorHash: settings.moderation === 'trusted' ? authorHash : undefined,
    blocks: [{ target: 'client', hash: ipHash }, ...(emailKey ? [{ target: 'author' as const, hash: emailKey }] : [])],
    nowSeconds,
  });
  if (keyHash && before.idempotency) return replay(secret, before.idempotency, keyHash, requestHash, credentialFor);
  if (before.blocked && settings.blockedPosts === 'refuse')
    throw new AppError('forbidden', 'A moderator has blocked comments from you for a while');
  const placement = placeUnder(input, before.parent);

  const editableUntil = new Date(now + settings.editWindowSeconds * 1000).toISOString();
  const editToken = editTokenFor(secret, keyHash, requestHash);
  const rate = rateCharge(settings, ipHash, now);

  /** The comment as it will be stored, given whether its text duplicates a recent comment. */
  const compose = (isDuplicate: boolean): CommentRecord => {
    const spam = assessSpam(
      {
        honeypot: input.hp,
        text: [input.author.name, input.author.website ?? '', input.body].join('\n'),
        linkCount: rendered.linkCount,
        elapsedMs: input.elapsedMs,
        formAgeMs,
        isDuplicate,
        name: input.author.name,
      },
      settings,
    );
    const decided = initialStatus(settings.moderation, spam, before.authorApprovedCount > 0);
    // A blocked sender's comment waits for a moderator, whatever the policy would have done.
    const status = before.blocked && decided === 'approved' ? 'pending' : decided;
    return {
      id,
      post: input.post,
      parentId: placement.parentId,
      depth: placement.depth,
      path: childPath(placement.parentPath, id),
      status,
      authorName: input.author.name,
      authorEmail: email,
      authorWebsite: input.author.website ?? null,
      avatar: hashes?.avatar ?? null,
      authorKey: authorHash ?? null,
      emailKey,
      body: input.body,
      html: rendered.html,
      ipHash,
      userAgent: cmd.userAgent.slice(0, 512),
      createdAt: new Date(now).toISOString(),
      editedAt: null,
      editableUntil,
      editTokenHash: sha256(editToken),
      notifyReplies: input.notifyReplies === true && email !== null,
      spamScore: spam.score,
      spamReasons: spam.reasons,
      moderation: [],
      version: 1,
      inThread: inThreadAfter(false, status),
      proposedTitle: input.title ?? null,
      proposedUrl: urlOnBlog(input.url, blogOrigins(settings.allowedOrigins, settings.siteUrl)),
      idempotencyKeyHash: keyHash ?? null,
      recentHash,
      // Never approved: gone after the retention period unless a moderator approves it first.
      expiresAt: status === 'pending' || status === 'spam' ? nowSeconds + settings.pendingRetentionDays * 86400 : null,
    };
  };

  // Known from the read, and asked of the transaction again (a marker written since fails its condition).
  let duplicate = before.recentUntil !== undefined && before.recentUntil > nowSeconds;
  const site = siteHeldCharge(id, now, settings.heldMaxPerDay);
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = compose(duplicate);
    const result: PostCommentResult = {
      comment: authorView(record),
      editToken,
      editableUntil,
      authorCredential: hashes?.credential ?? null,
    };
    const outcome = await insertComment({
      record,
      counters: [...counterMoves(record, null, record.status), ...heldMoves(null, record)],
      rate,
      idempotency: keyHash
        ? { keyHash, requestHash, editableUntil, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS, now: nowSeconds }
        : undefined,
      recent: {
        hash: recentHash,
        expiresAt: nowSeconds + settings.duplicateWindowSeconds,
        onlyIfNotRecentAt: duplicate ? undefined : nowSeconds,
      },
      heldCaps: { perPost: settings.heldMaxPerPost, site },
    });
    if (outcome.ok || outcome.failed.has('comment')) return result;
    if (outcome.failed.has('idempotency') && keyHash) {
      const stored = await getIdempotencyRecord(keyHash);
      if (stored) return replay(secret, stored, keyHash, requestHash, credentialFor);
    }
    if (outcome.failed.has('post')) {
      // Locked, or holding its cap of waiting comments: the post item says which.
      const post = await getPost(input.post, true);
      if (post.locked) throw new AppError('thread_locked', 'This thread is locked: it takes no new comments');
      if (post.held >= settings.heldMaxPerPost) throw postQueueFull();
      continue;
    }
    if (outcome.failed.has('parent'))
      throw validationError({ parentId: 'Must be an approved comment of the same post' });
    if (outcome.failed.has('rate')) throw rateLimited(settings, rate, now);
    if (outcome.failed.has('site')) throw siteQueueFull(site, now);
    if (!outcome.failed.has('recent')) break;
    duplicate = true;
  }
  throw new AppError('conflict', 'The comment could not be stored because of a concurrent change; send it again');
};
