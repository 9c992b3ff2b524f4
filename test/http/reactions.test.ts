import { expectStatus, moderate, post, postApproved, POST_ID, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { db } from '../../shared/store/client';

/** Reactions through the local API over DynamoDB Local: counts are exact whatever the clients do. */
let api: TestApi;
let calls: string[] = [];
const MIDDLEWARE = 'countReactionCalls';

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  db().middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: MIDDLEWARE },
  );
});
afterAll(async () => {
  db().middlewareStack.remove(MIDDLEWARE);
  await api.close();
});

const reader = (n: number) => ({ 'x-reader-key': `reader-key-${String(n).padStart(8, '0')}` });
const path = (id: string, kind = 'like', post = POST_ID) =>
  `/v1/comments/${id}/reactions/${kind}?post=${encodeURIComponent(post)}`;
const react = (id: string, n: number, method = 'PUT', kind = 'like') =>
  api.request(method, path(id, kind), { headers: reader(n) });

const countsOf = async (id: string, post = POST_ID) => {
  const page = await thread(api, `post=${encodeURIComponent(post)}&limit=100`);
  return page.comments.find((c: { id: string }) => c.id === id)?.reactions;
};

test('a reaction counts once per reader however often it is sent, and taking it back counts down once', async () => {
  const id = await postApproved(api);
  expect(expectStatus(await react(id, 1), 200).json).toEqual({ id, kind: 'like', reacted: true, changed: true });
  expect(expectStatus(await react(id, 1), 200).json).toMatchObject({ reacted: true, changed: false });
  await Promise.all(Array.from({ length: 6 }, () => react(id, 1)));
  expect(await countsOf(id)).toEqual({ like: 1, love: 0, laugh: 0, insightful: 0 });
  expect(expectStatus(await react(id, 1, 'DELETE'), 200).json).toMatchObject({ reacted: false, changed: true });
  expect(expectStatus(await react(id, 1, 'DELETE'), 200).json).toMatchObject({ reacted: false, changed: false });
  expect(await countsOf(id)).toEqual({ like: 0, love: 0, laugh: 0, insightful: 0 });
});

test('concurrent readers reacting and un-reacting leave the exact count', async () => {
  const id = await postApproved(api);
  await Promise.all(Array.from({ length: 12 }, (_, n) => react(id, n, 'PUT', 'love')));
  await Promise.all([0, 1, 2, 2, 2].map((n) => react(id, n, 'DELETE', 'love')));
  expect(await countsOf(id)).toMatchObject({ love: 9 });
});

test('a reaction costs one DynamoDB request however large the thread', async () => {
  const post = 'reactions/cost';
  const first = await postApproved(api, { post });
  const costOf = async (n: number) => {
    calls = [];
    expectStatus(await api.request('PUT', path(first, 'laugh', post), { headers: reader(n) }), 200);
    return [...calls];
  };
  const small = await costOf(100);
  for (let i = 0; i < 25; i++) await postApproved(api, { post });
  const large = await costOf(101);
  expect(large).toEqual(small);
  expect(large.filter((c) => c !== 'GetItemCommand')).toEqual(['TransactWriteItemsCommand']);
});

test('an edit after a reaction keeps the count', async () => {
  const { comment, editToken } = await post(api, {});
  expectStatus(await moderate(api, comment.id), 200);
  expectStatus(await react(comment.id, 7, 'PUT', 'insightful'), 200);
  expectStatus(
    await api.request('PATCH', `/v1/comments/${comment.id}`, {
      body: { body: 'Edited after a reaction' },
      headers: { 'x-edit-token': editToken },
    }),
    200,
  );
  // Under the default `pre` policy an edited comment waits for a moderator again.
  expectStatus(await moderate(api, comment.id), 200);
  expect(await countsOf(comment.id)).toMatchObject({ insightful: 1 });
});

test('reactions to a comment that is not approved, or under another post, are 404 and change nothing', async () => {
  const { comment } = await post(api, {});
  expect(expectStatus(await react(comment.id, 1), 404).json.error.code).toBe('not_found');
  const id = await postApproved(api);
  const elsewhere = await api.request('PUT', path(id, 'like', 'another/post'), { headers: reader(1) });
  expect(expectStatus(elsewhere, 404).json.error.code).toBe('not_found');
  expect(await countsOf(id)).toMatchObject({ like: 0 });
});

test('an unknown kind or a missing or malformed reader key is a 400 naming it', async () => {
  const id = await postApproved(api);
  expect(expectStatus(await react(id, 1, 'PUT', 'hate'), 400).json.error.fields).toHaveProperty('kind');
  const noKey = await api.request('PUT', path(id), {});
  expect(expectStatus(noKey, 400).json.error.message).toMatch(/X-Reader-Key/);
  const short = await api.request('PUT', path(id), { headers: { 'x-reader-key': 'short' } });
  expect(expectStatus(short, 400).json.error.message).toMatch(/X-Reader-Key/);
});

test('a moderator turns reactions off for one post: the thread says so and reactions there are refused', async () => {
  const p = 'reactions/off';
  const id = await postApproved(api, { post: p });
  const auth = { authorization: `Bearer ${await api.moderatorToken()}` };
  const off = await api.request('PUT', `/v1/admin/posts/reactions?post=${p}&enabled=false`, { headers: auth });
  expect(expectStatus(off, 200).json).toEqual({ post: p, reactions: false });
  expect((await thread(api, `post=${p}`)).reactions).toBe(false);
  const refused = await api.request('PUT', path(id, 'like', p), { headers: reader(1) });
  expect(expectStatus(refused, 403).json.error.code).toBe('reactions_off');
  expectStatus(await api.request('PUT', `/v1/admin/posts/reactions?post=${p}&enabled=true`, { headers: auth }), 200);
  expect((await thread(api, `post=${p}`)).reactions).toBe(true);
  expectStatus(await api.request('PUT', path(id, 'like', p), { headers: reader(1) }), 200);
  expect(await countsOf(id, p)).toMatchObject({ like: 1 });
});

test('a reader may not turn reactions off', async () => {
  const res = await api.request('PUT', `/v1/admin/posts/reactions?post=x&enabled=false`, {
    headers: { authorization: `Bearer ${await api.readerToken()}` },
  });
  expect(res.status).toBe(403);
});

test('reactions share the write rate limit', async () => {
  const limited = await startTestApi({ env: { RATE_LIMIT_MAX: '3' } });
  try {
    const { comment } = await post(limited, {});
    expectStatus(await moderate(limited, comment.id), 200);
    const go = (n: number) => limited.request('PUT', path(comment.id), { headers: reader(n) });
    expectStatus(await go(1), 200);
    expectStatus(await go(2), 200);
    const third = await go(3);
    expect(expectStatus(third, 429).headers['retry-after']).toBeDefined();
  } finally {
    await limited.close();
  }
});

test('with REACTIONS=false the site takes no reactions and the thread says so', async () => {
  const off = await startTestApi({ env: { REACTIONS: 'false' } });
  try {
    const { comment } = await post(off, {});
    expectStatus(await moderate(off, comment.id), 200);
    const res = await off.request('PUT', path(comment.id), { headers: reader(1) });
    expect(expectStatus(res, 403).json.error.code).toBe('reactions_off');
    expect((await thread(off, `post=${encodeURIComponent(POST_ID)}`)).reactions).toBe(false);
  } finally {
    await off.close();
  }
});
