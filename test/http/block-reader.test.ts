/**
 * Moderators block a reader from a queued comment: by author (their email's key) or by client
 * (their address's hash), for some days, with a reason in the audit log. What a blocked reader's
 * next comment meets is the owner's choice: held for a moderator, or refused.
 */
import { commentBody, expectStatus, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

const blockOf = (api: TestApi, auth: Record<string, string>, id: string, body: unknown) =>
  api.request('POST', `/v1/admin/comments/${id}/block`, { headers: auth, body });
const send = (api: TestApi, localAddress: string, overrides: Record<string, unknown> = {}) =>
  api.request('POST', '/v1/comments', { body: commentBody(overrides), localAddress });

describe('BLOCKED_POSTS=refuse', () => {
  let api: TestApi;
  let auth: { authorization: string };
  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', BLOCKED_POSTS: 'refuse', MODERATION: 'post' } });
    auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
  });
  afterAll(() => api.close());

  test('a blocked client is refused with 403 until the block is lifted; other clients are not', async () => {
    const first = expectStatus(await send(api, '127.0.0.7'), 201).json.comment.id as string;
    const blocked = expectStatus(
      await blockOf(api, auth, first, { target: 'client', days: 7, reason: 'flooding' }),
      200,
    );
    expect(blocked.json.block).toMatchObject({ target: 'client', reason: 'flooding' });
    expect(Date.parse(blocked.json.block.until) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const refused = await send(api, '127.0.0.7', { author: { name: 'Other name', email: 'new@example.org' } });
    expect([refused.status, refused.json.error.code]).toEqual([403, 'forbidden']);
    expect((await send(api, '127.0.0.8')).status).toBe(201);

    expect(
      (await api.request('DELETE', `/v1/admin/comments/${first}/block?target=client`, { headers: auth })).status,
    ).toBe(204);
    expect((await send(api, '127.0.0.7')).status).toBe(201);
    // Lifting again: there is no block left.
    expect(
      (await api.request('DELETE', `/v1/admin/comments/${first}/block?target=client`, { headers: auth })).status,
    ).toBe(404);
  });

  test('a blocked author is refused from any address; the block and its reason are audited', async () => {
    const author = { name: 'Troll', email: 'troll@example.org' };
    const { comment } = await post(api, { author });
    expectStatus(await blockOf(api, auth, comment.id, { target: 'author', days: 30, reason: 'abuse' }), 200);
    const refused = await send(api, '127.0.0.9', { author: { name: 'Not a troll', email: 'TROLL@example.org' } });
    expect(refused.status).toBe(403);
    const { entries } = expectStatus(await api.request('GET', '/v1/admin/audit?limit=1', { headers: auth }), 200).json;
    expect(entries[0]).toMatchObject({ action: 'block-author', commentId: comment.id, reason: 'abuse (30 days)' });
  });

  test('a comment without an email has no author to block (409); bad requests are 400 and block nothing', async () => {
    const { comment } = await post(api, { author: { name: 'Anon' } });
    expect((await blockOf(api, auth, comment.id, { target: 'author', days: 1, reason: 'x' })).status).toBe(409);
    for (const bad of [
      { target: 'client', days: 0, reason: 'x' },
      { target: 'client', days: 366, reason: 'x' },
      { target: 'everyone', days: 1, reason: 'x' },
      { target: 'client', days: 1 },
    ]) {
      const response = await blockOf(api, auth, comment.id, bad);
      expect([response.status, response.json.error.code]).toEqual([400, 'validation_failed']);
    }
    expect((await post(api, { author: { name: 'Anon' } })).comment.status).toBe('approved');
  });
});

describe('BLOCKED_POSTS=hold', () => {
  let api: TestApi;
  let auth: { authorization: string };
  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', BLOCKED_POSTS: 'hold', MODERATION: 'post' } });
    auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
  });
  afterAll(() => api.close());

  test("a blocked client's comment is accepted but held for a moderator, while others are published", async () => {
    const first = expectStatus(await send(api, '127.0.0.10'), 201).json.comment;
    expect(first.status).toBe('approved');
    expectStatus(await blockOf(api, auth, first.id, { target: 'client', days: 1, reason: 'spam run' }), 200);
    const held = expectStatus(await send(api, '127.0.0.10'), 201).json.comment;
    expect(held.status).toBe('pending');
    const queue = expectStatus(await api.request('GET', '/v1/admin/comments?status=pending', { headers: auth }), 200);
    expect(queue.json.comments.map((c: { id: string }) => c.id)).toContain(held.id);
    expect(expectStatus(await send(api, '127.0.0.11'), 201).json.comment.status).toBe('approved');
  });
});
