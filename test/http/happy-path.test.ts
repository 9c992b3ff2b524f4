import { expectStatus, moderate, post, POST_ID } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => api.close());

test('a posted comment waits in the moderation queue, and once approved shows in the thread, the counts and the feed', async () => {
  const created = await post(api, {
    title: 'Cloud Blog on Wired site: Time To Value',
    url: `${api.url.replace('127.0.0.1', 'localhost')}/2011/11/cloud.html`,
  });
  expect(created.comment.status).toBe('pending');
  expect(created.editToken).toEqual(expect.any(String));

  const token = await api.moderatorToken();
  const queue = expectStatus(
    await api.request('GET', '/v1/admin/comments?status=pending', { headers: { authorization: `Bearer ${token}` } }),
    200,
  ).json;
  expect(queue.comments.map((c: { id: string }) => c.id)).toContain(created.comment.id);

  const before = expectStatus(await api.request('GET', `/v1/comments?post=${encodeURIComponent(POST_ID)}`), 200).json;
  expect(before.comments).toHaveLength(0);

  expectStatus(await moderate(api, created.comment.id), 200);

  const page = expectStatus(await api.request('GET', `/v1/comments?post=${encodeURIComponent(POST_ID)}`), 200).json;
  expect(page.total).toBe(1);
  expect(page.comments[0].id).toBe(created.comment.id);
  expect(page.comments[0].html).toContain('<em>time to value</em>');

  const counts = expectStatus(
    await api.request('GET', `/v1/counts?post=${encodeURIComponent(POST_ID)}&post=other`),
    200,
  ).json;
  expect(counts.counts).toEqual({ [POST_ID]: 1, other: 0 });

  const feed = expectStatus(await api.request('GET', `/v1/feed?post=${encodeURIComponent(POST_ID)}`), 200);
  expect(feed.headers['content-type']).toContain('application/atom+xml');
  expect(feed.text).toContain(`urn:parley:comment:${created.comment.id}`);
  expect(feed.text).toContain('Cloud Blog on Wired site');
});
