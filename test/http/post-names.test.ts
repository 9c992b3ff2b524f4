/** Who names a post in the feeds (docs/api.md, POST /v1/comments and PUT /v1/admin/posts/meta). */
import { expectStatus, moderate, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
let auth: { authorization: string };
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
});
afterAll(() => api.close());

/** The blog's origin as the local stack declares it (ALLOWED_ORIGINS, SITE_URL). */
const blog = () => api.url.replace('127.0.0.1', 'localhost');

const feed = async (postId?: string) =>
  expectStatus(await api.request('GET', postId ? `/v1/feed?post=${postId}` : '/v1/feed'), 200).text;
const erase = async (id: string) =>
  expectStatus(await api.request('DELETE', `/v1/admin/comments/${id}`, { headers: auth }), 204);

describe('a post is named by approved content or a moderator, never by the first comment', () => {
  test('a held comment names nothing; the approval that publishes it does, and erasing it takes the name back', async () => {
    const target = 'names/held-then-approved';
    const spam = await post(api, { post: target, title: 'Buy pills', url: `${blog()}/pills`, hp: 'bot' });
    expect(await feed(target)).toContain(`comments on ${target}<`);
    expectStatus(await moderate(api, spam.comment.id, 'reject'), 200);
    expect(await feed(target)).not.toContain('Buy pills');

    const real = await post(api, { post: target, title: 'The real title', url: `${blog()}/2026/real.html` });
    expectStatus(await moderate(api, real.comment.id), 200);
    const named = await feed(target);
    expect(named).toContain('comments on The real title<');
    expect(named).toContain(`href="${blog()}/2026/real.html#comment-${real.comment.id}"`);

    await erase(real.comment.id);
    const after = await feed(target);
    expect(after).toContain(`comments on ${target}<`);
    expect(after).not.toContain('real.html');
  });

  test('a post URL on another origin is dropped: the feed links to the site URL and post id', async () => {
    const target = 'names/foreign';
    const c = await post(api, { post: target, title: 'Fine title', url: 'https://evil.example/phish' });
    expectStatus(await moderate(api, c.comment.id), 200);
    const text = await feed(target);
    expect(text).not.toContain('evil.example');
    expect(text).toContain(`href="${blog()}/${target}#comment-${c.comment.id}"`);
  });

  test('a moderator sets and corrects a post title and URL, audited; erasing a comment leaves their name', async () => {
    const target = 'names/by-moderator';
    const set = await api.request('PUT', `/v1/admin/posts/meta?post=${target}`, {
      headers: auth,
      body: { title: 'Named by Alice', url: `${blog()}/named.html` },
    });
    expect(expectStatus(set, 200).json).toEqual({
      post: target,
      title: 'Named by Alice',
      url: `${blog()}/named.html`,
    });
    const foreign = await api.request('PUT', `/v1/admin/posts/meta?post=${target}`, {
      headers: auth,
      body: { title: 'x', url: 'https://evil.example/' },
    });
    expect(foreign.status).toBe(400);

    const c = await post(api, { post: target, title: 'Reader title', url: `${blog()}/other.html` });
    expectStatus(await moderate(api, c.comment.id), 200);
    await erase(c.comment.id);
    const text = await feed(target);
    expect(text).toContain('comments on Named by Alice<');
    const audit = expectStatus(await api.request('GET', '/v1/admin/audit', { headers: auth }), 200).json;
    expect(audit.entries.map((e: { action: string; post: string }) => `${e.action} ${e.post}`)).toContain(
      `name-post ${target}`,
    );
  });
});

describe('with a post id pattern, invented posts never come to exist', () => {
  let open: TestApi;
  beforeAll(async () => {
    await api.close();
    open = await startTestApi({ env: { MODERATION: 'post', POST_ID_PATTERN: '20\\d\\d/[a-z-]+' } });
  });
  afterAll(async () => {
    await open.close();
    api = await startTestApi();
  });

  test('a comment on an id outside the pattern is refused with 404 post_not_found and the site feed stays empty', async () => {
    const refused = await open.request('POST', '/v1/comments', {
      body: { post: 'invented/by-attacker', author: { name: 'Mallory' }, body: 'Hi', title: 'Attacker title' },
    });
    expect([refused.status, refused.json.error.code]).toEqual([404, 'post_not_found']);
    expect(await post(open, { post: '2026/a-real-post' })).toMatchObject({ comment: { status: 'approved' } });
    const site = expectStatus(await open.request('GET', '/v1/feed'), 200).text;
    expect(site).not.toContain('Attacker title');
    expect(site).not.toContain('invented/by-attacker');
  });
});
