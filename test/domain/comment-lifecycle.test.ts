import type { CommentRecord, CommentStatus } from '../../shared/domain/comment';
import {
  alreadyDeletedByAuthor,
  authorDelete,
  authorEdit,
  authorMayChange,
  counterMoves,
  heldMoves,
  erase,
  HISTORY_LIMIT,
  inThreadAfter,
  moderate,
  type AuthorAccess,
  type CounterMove,
  type ModeratorVerdict,
} from '../../shared/domain/comment-lifecycle';
import { AppError, type ErrorKind } from '../../shared/errors';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const OPEN = '2026-03-01T12:10:00.000Z';
const CLOSED = '2026-03-01T11:59:59.000Z';

/** A stored comment; by default `inThread` is what a comment that only ever had this status would have. */
const comment = (status: CommentStatus, overrides: Partial<CommentRecord> = {}): CommentRecord => ({
  id: 'C1',
  post: 'post-1',
  parentId: 'P1',
  depth: 1,
  path: 'P1#C1',
  status,
  authorName: 'Ada',
  authorEmail: 'ada@example.com',
  authorWebsite: 'https://ada.example',
  avatar: 'avatar-hash',
  authorKey: 'author-1',
  emailKey: 'email-1',
  body: 'old words',
  html: '<p>old words</p>',
  ipHash: 'ip-hash',
  userAgent: 'agent',
  createdAt: '2026-03-01T11:55:00.000Z',
  editedAt: null,
  editableUntil: OPEN,
  editTokenHash: 'token-hash',
  notifyReplies: true,
  spamScore: 0,
  spamReasons: [],
  moderation: [],
  version: 7,
  inThread: status === 'approved',
  proposedTitle: null,
  proposedUrl: null,
  idempotencyKeyHash: null,
  recentHash: null,
  expiresAt: null,
  ...overrides,
});

const STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'rejected', 'spam', 'deleted', 'erased'];
const VERDICTS: readonly ModeratorVerdict[] = ['approve', 'reject', 'spam'];
const note = { by: 'mod', at: '2026-03-01T12:00:00.000Z', reason: 'because' };
const access: AuthorAccess = { holdsEditToken: true, now: NOW };

/** The post's and the author's approved counters both move by `delta`. */
const both = (delta: number): CounterMove[] => [
  { counter: 'post', key: 'post-1', delta },
  { counter: 'author', key: 'author-1', delta },
];

const refusal = (decide: () => unknown): ErrorKind | 'allowed' => {
  try {
    decide();
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError) return error.kind;
    throw error;
  }
};

type Expected = { status: CommentStatus; inThread: boolean; counters: CounterMove[] } | 'unchanged' | ErrorKind;

const describeOutcome = (expected: Expected): string => {
  if (expected === 'unchanged') return 'is left as it is';
  if (typeof expected === 'string') return `is refused with ${expected}`;
  const delta = expected.counters[0]?.delta ?? 0;
  return `becomes ${expected.status}, ${expected.inThread ? 'in' : 'not in'} the thread, counters moved by ${delta}`;
};

describe('moderate', () => {
  const table: [CommentStatus, ModeratorVerdict, Expected][] = [
    ['pending', 'approve', { status: 'approved', inThread: true, counters: both(1) }],
    ['pending', 'reject', { status: 'rejected', inThread: false, counters: [] }],
    ['pending', 'spam', { status: 'spam', inThread: false, counters: [] }],
    ['approved', 'approve', 'unchanged'],
    ['approved', 'reject', { status: 'rejected', inThread: true, counters: both(-1) }],
    ['approved', 'spam', { status: 'spam', inThread: true, counters: both(-1) }],
    ['rejected', 'approve', { status: 'approved', inThread: true, counters: both(1) }],
    ['rejected', 'reject', 'unchanged'],
    ['rejected', 'spam', { status: 'spam', inThread: false, counters: [] }],
    ['spam', 'approve', { status: 'approved', inThread: true, counters: both(1) }],
    ['spam', 'reject', { status: 'rejected', inThread: false, counters: [] }],
    ['spam', 'spam', 'unchanged'],
    ['deleted', 'approve', 'conflict'],
    ['deleted', 'reject', 'conflict'],
    ['deleted', 'spam', 'conflict'],
    ['erased', 'approve', 'not_found'],
    ['erased', 'reject', 'not_found'],
    ['erased', 'spam', 'not_found'],
  ];

  test('the table covers every (status, verdict) pair', () => {
    expect(table.map(([s, v]) => `${s}/${v}`).sort()).toEqual(
      STATUSES.flatMap((s) => VERDICTS.map((v) => `${s}/${v}`)).sort(),
    );
  });

  const described = table.map(
    ([status, verdict, expected]) => [status, verdict, describeOutcome(expected), expected] as const,
  );

  test.each(described)('a %s comment told to %s %s', (status, verdict, _outcome, expected) => {
    const before = comment(status);
    if (typeof expected === 'string' && expected !== 'unchanged') {
      expect(refusal(() => moderate(before, verdict, note))).toBe(expected);
      return;
    }
    const decided = moderate(before, verdict, note);
    if (expected === 'unchanged') {
      expect(decided).toEqual({ unchanged: before });
      return;
    }
    if ('unchanged' in decided) throw new Error('expected a change');
    expect(decided.next.status).toBe(expected.status);
    expect(decided.next.inThread).toBe(expected.inThread);
    expect(decided.counters).toEqual(expected.counters);
    expect(decided.readVersion).toBe(7);
    expect(decided.next.version).toBe(8);
    expect(decided.next.moderation).toEqual([{ action: verdict, by: 'mod', at: note.at, reason: 'because' }]);
    expect(decided.next.body).toBe('old words');
  });

  test('a comment that is missing altogether is not found', () => {
    expect(refusal(() => moderate(undefined, 'approve', note))).toBe('not_found');
  });

  test('a once-approved comment that is rejected keeps its thread place when marked spam', () => {
    const decided = moderate(comment('rejected', { inThread: true }), 'spam', note);
    expect(decided).toMatchObject({ next: { status: 'spam', inThread: true }, counters: [] });
  });

  test('the moderation history keeps only the latest entries', () => {
    const history = Array.from({ length: HISTORY_LIMIT }, (_, i) => ({
      action: 'reject',
      by: `m${i}`,
      at: 'x',
      reason: null,
    }));
    const decided = moderate(comment('pending', { moderation: history }), 'approve', note);
    if ('unchanged' in decided) throw new Error('expected a change');
    expect(decided.next.moderation).toHaveLength(HISTORY_LIMIT);
    expect(decided.next.moderation[0]?.by).toBe('m1');
    expect(decided.next.moderation.at(-1)?.by).toBe('mod');
  });
});

describe('author access', () => {
  // Each row: status, holds the token, window open -> outcome. Unknown, erased, deleted or a wrong
  // token are one 404 (no probing); rejected and spam pass like pending (no verdict leaks); then 403.
  const table: [CommentStatus, boolean, boolean, ErrorKind | 'allowed'][] = STATUSES.flatMap((status) =>
    [true, false].flatMap((token) =>
      [true, false].map((open): [CommentStatus, boolean, boolean, ErrorKind | 'allowed'] => {
        if (status === 'erased' || status === 'deleted' || !token) return [status, token, open, 'not_found'];
        return [status, token, open, open ? 'allowed' : 'edit_window_closed'];
      }),
    ),
  );

  test('the derived table spells out the documented outcomes', () => {
    const changeable = ['pending', 'approved', 'rejected', 'spam'];
    expect(table.filter(([, , , outcome]) => outcome === 'allowed').map(([s]) => s)).toEqual(changeable);
    expect(table.filter(([, , , outcome]) => outcome === 'edit_window_closed').map(([s]) => s)).toEqual(changeable);
  });

  test.each(['rejected', 'spam'] as const)('an author edit of a %s comment keeps its status', (status) => {
    const before = comment(status, { editableUntil: OPEN });
    const edit = { body: 'b', html: '<p>b</p>', status: 'approved' as const, spamScore: 0, spamReasons: ['x'] };
    const decided = authorEdit(before, { holdsEditToken: true, now: NOW }, edit);
    expect(decided.next.status).toBe(status);
    expect(decided.counters).toEqual([]);
  });

  test.each(table)('a %s comment, edit token held: %s, window open: %s -> %s', (status, token, open, expected) => {
    const before = comment(status, { editableUntil: open ? OPEN : CLOSED });
    const asked = { holdsEditToken: token, now: NOW };
    expect(refusal(() => authorMayChange(before, asked))).toBe(expected);
    const edit = { body: 'b', html: '<p>b</p>', status: 'pending' as const, spamScore: 0, spamReasons: [] };
    expect(refusal(() => authorEdit(before, asked, edit))).toBe(expected);
    expect(refusal(() => authorDelete(before, asked))).toBe(expected);
  });

  test('a missing comment is not found for its author either', () => {
    expect(refusal(() => authorMayChange(undefined, access))).toBe('not_found');
  });

  test('the window closes at the instant editableUntil names', () => {
    const atTheEdge = comment('pending', { editableUntil: new Date(NOW).toISOString() });
    expect(refusal(() => authorMayChange(atTheEdge, access))).toBe('edit_window_closed');
  });
});

describe('author edit', () => {
  const table: [CommentStatus, CommentStatus, { inThread: boolean; counters: CounterMove[] }][] = [
    ['pending', 'pending', { inThread: false, counters: [] }],
    ['pending', 'approved', { inThread: true, counters: both(1) }],
    ['pending', 'spam', { inThread: false, counters: [] }],
    ['approved', 'pending', { inThread: true, counters: both(-1) }],
    ['approved', 'approved', { inThread: true, counters: [] }],
    ['approved', 'spam', { inThread: true, counters: both(-1) }],
  ];

  test.each(table)('a %s comment edited into %s', (from, to, expected) => {
    const decided = authorEdit(comment(from), access, {
      body: 'new words',
      html: '<p>new words</p>',
      status: to,
      spamScore: 2,
      spamReasons: ['links'],
    });
    expect(decided.next).toMatchObject({
      status: to,
      inThread: expected.inThread,
      body: 'new words',
      html: '<p>new words</p>',
      editedAt: '2026-03-01T12:00:00.000Z',
      spamScore: 2,
      spamReasons: ['links'],
      version: 8,
      authorEmail: 'ada@example.com',
    });
    expect(decided.counters).toEqual(expected.counters);
    expect(decided.readVersion).toBe(7);
  });
});

describe('author delete', () => {
  test.each([
    ['pending', false, []],
    ['approved', true, both(-1)],
  ] as [CommentStatus, boolean, CounterMove[]][])(
    'a %s comment deleted by its author keeps no words, inThread %s',
    (from, inThread, counters) => {
      const decided = authorDelete(comment(from), access);
      expect(decided.next).toMatchObject({ status: 'deleted', body: '', html: '', inThread, version: 8 });
      expect(decided.next.editedAt).toBe('2026-03-01T12:00:00.000Z');
      expect(decided.counters).toEqual(counters);
    },
  );

  test('a retried deletion is done when the comment is already deleted and the token is held', () => {
    expect(alreadyDeletedByAuthor(comment('deleted'), true)).toBe(true);
    expect(alreadyDeletedByAuthor(comment('deleted'), false)).toBe(false);
    expect(alreadyDeletedByAuthor(comment('pending'), true)).toBe(false);
    expect(alreadyDeletedByAuthor(undefined, true)).toBe(false);
  });
});

describe('erase', () => {
  const table: [CommentStatus, boolean, 'tombstone' | 'removed' | 'not_found', CounterMove[]][] = [
    ['pending', false, 'removed', []],
    ['approved', true, 'tombstone', both(-1)],
    ['rejected', false, 'removed', []],
    ['rejected', true, 'tombstone', []],
    ['spam', false, 'removed', []],
    ['spam', true, 'tombstone', []],
    ['deleted', false, 'removed', []],
    ['deleted', true, 'tombstone', []],
    ['erased', true, 'not_found', []],
  ];

  test('the table covers every status', () => {
    expect([...new Set(table.map(([s]) => s))].sort()).toEqual([...STATUSES].sort());
  });

  test.each(table)('erasing a %s comment with inThread %s leaves it %s', (status, inThread, expected, counters) => {
    const before = comment(status, { inThread });
    if (expected === 'not_found') {
      expect(refusal(() => erase(before))).toBe('not_found');
      return;
    }
    const decided = erase(before);
    expect(decided).toMatchObject({ id: 'C1', post: 'post-1', readVersion: 7 });
    expect(decided.counters).toEqual(counters);
    if (expected === 'removed') expect(decided.remains).toBeNull();
    // Only where it was survives: nothing of what was said or who said it.
    else
      expect(decided.remains).toEqual({
        id: 'C1',
        post: 'post-1',
        parentId: 'P1',
        depth: 1,
        path: 'P1#C1',
        createdAt: '2026-03-01T11:55:00.000Z',
        status: 'erased',
        inThread: true,
        version: 8,
      });
  });

  test('a missing comment cannot be erased', () => {
    expect(refusal(() => erase(undefined))).toBe('not_found');
  });
});

describe('counters and the thread place', () => {
  test('a comment without an author key moves only the post counter', () => {
    expect(counterMoves({ post: 'post-1', authorKey: null }, 'pending', 'approved')).toEqual([
      { counter: 'post', key: 'post-1', delta: 1 },
    ]);
  });

  test('a new comment counts only when it arrives approved', () => {
    expect(counterMoves({ post: 'post-1', authorKey: 'author-1' }, null, 'approved')).toEqual(both(1));
    expect(counterMoves({ post: 'post-1', authorKey: 'author-1' }, null, 'pending')).toEqual([]);
  });

  test('approval alone puts a comment in the thread, and nothing takes it out', () => {
    expect(STATUSES.filter((status) => inThreadAfter(false, status))).toEqual(['approved']);
    expect(STATUSES.filter((status) => inThreadAfter(true, status))).toEqual(STATUSES);
  });
});

describe('the held count (comments waiting unapproved, with an expiry)', () => {
  const EXPIRY = 1_800_000_000;
  const held = (status: CommentStatus) => comment(status, { expiresAt: EXPIRY });
  const heldOnly = (moves: readonly CounterMove[]) => moves.filter((m) => m.counter === 'held');
  const minusOne: CounterMove[] = [{ counter: 'held', key: 'post-1', delta: -1 }];

  test.each([
    ['pending', 'approve', minusOne],
    ['pending', 'reject', minusOne],
    ['pending', 'spam', []],
    ['spam', 'approve', minusOne],
    ['spam', 'reject', minusOne],
  ] as [CommentStatus, ModeratorVerdict, CounterMove[]][])(
    'a held %s comment told to %s moves the held count by %j',
    (status, verdict, expected) => {
      const decided = moderate(held(status), verdict, note);
      if ('unchanged' in decided) throw new Error('expected a change');
      expect(heldOnly(decided.counters)).toEqual(expected);
    },
  );

  test('a held comment its author deletes no longer counts', () => {
    expect(heldOnly(authorDelete(held('pending'), access).counters)).toEqual(minusOne);
  });

  test('a held comment that an edit publishes no longer counts; one still pending does', () => {
    const edit = { body: 'b', html: '<p>b</p>', spamScore: 0, spamReasons: [] };
    expect(heldOnly(authorEdit(held('pending'), access, { ...edit, status: 'approved' }).counters)).toEqual(minusOne);
    expect(heldOnly(authorEdit(held('pending'), access, { ...edit, status: 'pending' }).counters)).toEqual([]);
  });

  test('erasing a held comment takes it off the count; erasing one without an expiry moves nothing', () => {
    expect(heldOnly(erase(held('spam')).counters)).toEqual(minusOne);
    expect(heldOnly(erase(comment('pending')).counters)).toEqual([]);
  });

  test('a pending comment without an expiry (an imported one) never counts, approved or not', () => {
    const decided = moderate(comment('pending'), 'approve', note);
    if ('unchanged' in decided) throw new Error('expected a change');
    expect(heldOnly(decided.counters)).toEqual([]);
  });

  test('a new comment with an expiry adds one; one published at once adds nothing', () => {
    expect(heldMoves(null, held('pending'))).toEqual([{ counter: 'held', key: 'post-1', delta: 1 }]);
    expect(heldMoves(null, comment('approved'))).toEqual([]);
  });
});
