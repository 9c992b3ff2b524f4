import { newId } from '../../shared/ids';
import { afterGroup, childPath, placeReply, threadSortKey } from '../../shared/domain/thread-sort-keys';

test('newest-first keys put later top-level comments first but keep replies oldest first under each', () => {
  const older = newId(1_000);
  const newer = newId(2_000);
  const reply1 = childPath(older, newId(3_000));
  const reply2 = childPath(older, newId(4_000));
  const keys = [older, reply1, reply2, newer].map((path) => ({ path, key: threadSortKey(path, 'newest') }));
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1)).map((k) => k.path);
  expect(sorted).toEqual([newer, older, reply1, reply2]);
});

test('a group bound skips a top-level comment and all its replies, and nothing after them', () => {
  const root = newId(1_000);
  const deepReply = childPath(childPath(root, newId(2_000)), newId(3_000));
  const next = newId(4_000);
  for (const order of ['oldest', 'newest'] as const) {
    const bound = afterGroup(threadSortKey(root, order));
    expect(threadSortKey(deepReply, order) < bound).toBe(true);
    if (order === 'oldest') expect(threadSortKey(next, order) > bound).toBe(true);
  }
});

test('a reply to a depth-5 comment lands beside it, under the same parent', () => {
  const placed = placeReply({ id: 'E', parentId: 'D', depth: 5, path: 'A#B#C#D#E' });
  expect(placed).toEqual({ parentId: 'D', depth: 5, parentPath: 'A#B#C#D' });
  expect(placeReply({ id: 'B', parentId: 'A', depth: 1, path: 'A#B' })).toEqual({
    parentId: 'B',
    depth: 2,
    parentPath: 'A#B',
  });
});
