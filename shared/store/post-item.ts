/**
 * The post item (`POST#<post>`): the approved-comment counter, the lock, and the title and URL the
 * feeds show, each with who set it (`titleFrom`/`urlFrom`: the comment whose approval did, or
 * `moderator:<name>`), so that erasing that comment can take them back.
 */
import type { AuditEntry } from '../domain/audit';
import type { CommentRecord } from '../domain/comment';
import { POST_ITEM_SORT_KEY } from '../domain/thread-sort-keys';
import { tableName } from './client';
import { auditKey, postKey } from './item-keys';
import { transact, type LabelledItem, type TransactLabel, type TransactResult } from './transact';

export const update = (
  label: TransactLabel,
  Key: Record<string, string>,
  UpdateExpression: string,
  values: Record<string, unknown>,
  extra: { ConditionExpression?: string; names?: Record<string, string> } = {},
): LabelledItem => ({
  label,
  item: {
    Update: {
      TableName: tableName(),
      Key,
      UpdateExpression,
      ExpressionAttributeValues: values,
      ...(extra.ConditionExpression ? { ConditionExpression: extra.ConditionExpression } : {}),
      ...(extra.names && Object.keys(extra.names).length > 0 ? { ExpressionAttributeNames: extra.names } : {}),
    },
  },
});

export const auditPut = (entry: AuditEntry): LabelledItem => ({
  label: 'audit',
  item: { Put: { TableName: tableName(), Item: { ...auditKey(entry.id), type: 'audit', ...entry } } },
});

/**
 * Puts the post's item where the thread indexes find it (first in its thread partition), once: the
 * SET clause every write of a post item starts with, its attribute names, and its values.
 */
export const POST_ITEM_PLACE = {
  set: '#tpk = if_not_exists(#tpk, :post), #tsk = if_not_exists(#tsk, :first), #tnsk = if_not_exists(#tnsk, :first), #post = if_not_exists(#post, :post)',
  names: { '#tpk': 'threadPk', '#tsk': 'threadSk', '#tnsk': 'threadNewestSk', '#post': 'post' },
  values: (post: string) => ({ ':post': post, ':first': POST_ITEM_SORT_KEY }),
} as const;

/** Attribute names of the post item; several (total, locked, post) are DynamoDB reserved words. */
const POST_NAMES = {
  ...POST_ITEM_PLACE.names,
  '#total': 'total',
  '#title': 'title',
  '#url': 'postUrl',
  '#titleFrom': 'titleFrom',
  '#urlFrom': 'urlFrom',
  '#locked': 'locked',
  '#held': 'held',
};

/** What else a write of the post item changes, beyond the counter. */
export interface PostChange {
  /** `, #a = :a ...` appended to the SET clause. */
  readonly set?: string;
  /** Attribute names (as `#x`) to remove. */
  readonly remove?: readonly string[];
  readonly values?: Record<string, unknown>;
  readonly condition?: string;
  /**
   * Moves the post's count of held comments (see `heldMoves` in the lifecycle); with `cap`, the
   * write fails its `post` label when the count already is at the cap.
   */
  readonly held?: { readonly delta: number; readonly cap?: number };
}

/** Moves the post's approved counter; also puts the post's item where the thread index finds it. */
export const postUpdate = (post: string, delta: number, change: PostChange = {}): LabelledItem => {
  const remove = change.remove?.length ? ` REMOVE ${change.remove.join(', ')}` : '';
  const held = change.held && change.held.delta !== 0 ? change.held : undefined;
  const expression = `SET ${POST_ITEM_PLACE.set}${change.set ?? ''}${remove} ADD #total :delta${held ? ', #held :held' : ''}`;
  const cap = held?.cap !== undefined && held.delta > 0 ? '(attribute_not_exists(#held) OR #held < :heldCap)' : '';
  const condition = [change.condition && `(${change.condition})`, cap].filter(Boolean).join(' AND ') || undefined;
  const used = Object.fromEntries(
    Object.entries(POST_NAMES).filter(([name]) => expression.includes(name) || condition?.includes(name)),
  );
  return update(
    'post',
    postKey(post),
    expression,
    {
      ...POST_ITEM_PLACE.values(post),
      ':delta': delta,
      ...(held ? { ':held': held.delta } : {}),
      ...(cap ? { ':heldCap': held!.cap } : {}),
      ...change.values,
    },
    { ConditionExpression: condition, names: used },
  );
};

/** The approval that publishes a comment names the post with what it proposed, unless the post has a name. */
export const metaOnApproval = (c: Pick<CommentRecord, 'id' | 'proposedTitle' | 'proposedUrl'>): PostChange => ({
  set: `${c.proposedTitle ? ', #title = if_not_exists(#title, :title), #titleFrom = if_not_exists(#titleFrom, :from)' : ''}${c.proposedUrl ? ', #url = if_not_exists(#url, :url), #urlFrom = if_not_exists(#urlFrom, :from)' : ''}`,
  values:
    c.proposedTitle || c.proposedUrl
      ? {
          ':from': c.id,
          ...(c.proposedTitle ? { ':title': c.proposedTitle } : {}),
          ...(c.proposedUrl ? { ':url': c.proposedUrl } : {}),
        }
      : {},
});

/**
 * Takes back the title and URL a comment set, conditional on it still being their source (a
 * moderator's correction in between makes the erasure re-read and decide again).
 */
export const metaTakenBack = (id: string, took: { title: boolean; url: boolean }): PostChange => ({
  remove: [...(took.title ? ['#title', '#titleFrom'] : []), ...(took.url ? ['#url', '#urlFrom'] : [])],
  values: took.title || took.url ? { ':from': id } : {},
  condition:
    [...(took.title ? ['#titleFrom = :from'] : []), ...(took.url ? ['#urlFrom = :from'] : [])].join(' AND ') ||
    undefined,
});

/** Locks or unlocks a thread; the `post` label fails when it already was in that state. */
export const setThreadLock = (post: string, locked: boolean, audit: AuditEntry): Promise<TransactResult> =>
  transact([
    postUpdate(post, 0, {
      set: ', #locked = :locked',
      values: { ':locked': locked, ':notLocked': !locked },
      condition: locked ? 'attribute_not_exists(#locked) OR #locked = :notLocked' : '#locked = :notLocked',
    }),
    auditPut(audit),
  ]);

/** A moderator names the post (null removes a name, so the feed links to the site URL + post id), audited. */
export const setPostMeta = (
  post: string,
  meta: { title: string | null; url: string | null; by: string },
  audit: AuditEntry,
): Promise<TransactResult> => {
  const set = [
    ...(meta.title ? ['#title = :title', '#titleFrom = :by'] : []),
    ...(meta.url ? ['#url = :url', '#urlFrom = :by'] : []),
  ];
  return transact([
    postUpdate(post, 0, {
      set: set.length ? `, ${set.join(', ')}` : '',
      remove: [...(meta.title ? [] : ['#title', '#titleFrom']), ...(meta.url ? [] : ['#url', '#urlFrom'])],
      values: {
        ...(set.length ? { ':by': meta.by } : {}),
        ...(meta.title ? { ':title': meta.title } : {}),
        ...(meta.url ? { ':url': meta.url } : {}),
      },
    }),
    auditPut(audit),
  ]);
};
