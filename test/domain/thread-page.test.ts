import { buildTree, groupItems, type ThreadItem } from '../../shared/domain/thread-page';

const item = (id: string, parentId: string | null, depth: number, status = 'approved'): ThreadItem => ({
  id,
  post: 'p',
  parentId,
  depth,
  status,
  authorName: `name-${id}`,
  authorWebsite: null,
  avatar: null,
  html: `<p>${id}</p>`,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  sortKey: id,
});

test('the last group is incomplete until the index is exhausted', () => {
  const items = [item('A', null, 0), item('A1', 'A', 1), item('B', null, 0)];
  expect(groupItems(items, false).complete.map((g) => g.rootSortKey)).toEqual(['A']);
  expect(groupItems(items, false).partial?.rootSortKey).toBe('B');
  expect(groupItems(items, true).complete.map((g) => g.rootSortKey)).toEqual(['A', 'B']);
});

test('a hidden comment with an approved descendant becomes a content-free placeholder', () => {
  const [group] = groupItems(
    [item('A', null, 0, 'deleted'), item('A1', 'A', 1, 'rejected'), item('A11', 'A1', 2)],
    true,
  ).complete;
  const tree = buildTree(group!)!;
  expect(tree).toMatchObject({ id: 'A', deleted: true, author: null, html: '' });
  expect(tree.replies[0]).toMatchObject({ id: 'A1', deleted: true, html: '' });
  expect(tree.replies[0]!.replies[0]).toMatchObject({ id: 'A11', deleted: false, html: '<p>A11</p>' });
});

test('hidden comments without approved descendants disappear, with their hidden subtrees', () => {
  const [group] = groupItems(
    [item('A', null, 0), item('A1', 'A', 1, 'spam'), item('A11', 'A1', 2, 'erased'), item('A2', 'A', 1)],
    true,
  ).complete;
  const tree = buildTree(group!)!;
  expect(tree.replies.map((r) => r.id)).toEqual(['A2']);
  const [hidden] = groupItems([item('B', null, 0, 'erased'), item('B1', 'B', 1, 'deleted')], true).complete;
  expect(hidden!.visible).toBe(false);
  expect(buildTree(hidden!)).toBeUndefined();
});
