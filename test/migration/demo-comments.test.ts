import { seedDemoComments } from '../../infra/local/demo-comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';
import { adminQueue, flatten, thread } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

test('the demo blog starts with nested threads, a removed comment kept for its reply, a held comment and non-ASCII names', async () => {
  const log: string[] = [];
  await seedDemoComments((line) => log.push(line));
  expect(log.join('\n')).toContain('imported 14 comments');

  const cloud = await thread(api, '2011/11/cloud-blog-on-wired-site-time-to-value');
  expect(cloud.total).toBe(5);
  expect(Math.max(...flatten(cloud.comments).map((c) => c.depth))).toBe(3);
  const removed = cloud.comments.find((c: any) => c.deleted);
  expect(removed.replies[0].author.name).toBe('Chloé Martin');
  expect((await adminQueue(api, 'pending')).map((c) => c.post)).toContain(
    '2011/11/cloud-blog-on-wired-site-time-to-value',
  );

  const outage = await thread(api, '2009/05/public-clouds-fail-more-visibly');
  expect(flatten(outage.comments).map((c) => c.author.name)).toEqual(
    expect.arrayContaining(['José Álvarez', '李明', 'Søren Kierkegaard-Holm', 'Łukasz Nowak']),
  );
});

test('a later start imports nothing again', async () => {
  const before = await tableSnapshot(api.tableName);
  const log: string[] = [];
  await seedDemoComments((line) => log.push(line));
  expect(log).toEqual([]);
  expect(await tableSnapshot(api.tableName)).toEqual(before);
});

test('a demo comment a moderator erased does not come back on a later start', async () => {
  const held = (await adminQueue(api, 'pending')).find(
    (c) => c.post === '2011/11/cloud-blog-on-wired-site-time-to-value',
  );
  const token = await api.moderatorToken();
  const erased = await api.request('DELETE', `/v1/admin/comments/${held.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(erased.status).toBe(204);
  await seedDemoComments();
  expect((await adminQueue(api, 'pending')).map((c) => c.id)).not.toContain(held.id);
});
