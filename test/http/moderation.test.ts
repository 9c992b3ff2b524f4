import { SignJWT } from 'jose';
import { mintLocalToken } from '../../infra/local/oidc/mint-token';
import { MODERATORS_GROUP } from '../../shared/http/require-moderator';
import { expectStatus, moderate, post, postApproved, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';

let api: TestApi;
let auth: { authorization: string };
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
});
afterAll(() => api.close());

const total = async (post: string) => (await thread(api, `post=${encodeURIComponent(post)}&limit=1`)).total as number;
const count = async (post: string) =>
  expectStatus(await api.request('GET', `/v1/counts?post=${encodeURIComponent(post)}`), 200).json.counts[
    post
  ] as number;

describe('moderator authentication', () => {
  const adminRoutes: [string, string][] = [
    ['GET', '/v1/admin/comments'],
    ['POST', '/v1/admin/comments/01JD3ZZZZZZZZZZZZZZZZZZZZZ/approve'],
    ['POST', '/v1/admin/comments/01JD3ZZZZZZZZZZZZZZZZZZZZZ/reject'],
    ['POST', '/v1/admin/comments/01JD3ZZZZZZZZZZZZZZZZZZZZZ/spam'],
    ['POST', '/v1/admin/moderation'],
    ['DELETE', '/v1/admin/comments/01JD3ZZZZZZZZZZZZZZZZZZZZZ'],
    ['PUT', '/v1/admin/posts/lock?post=a'],
    ['DELETE', '/v1/admin/posts/lock?post=a'],
    ['PUT', '/v1/admin/posts/meta?post=a'],
    ['GET', '/v1/admin/audit'],
  ];

  // Signed with the local provider's own key, so each is refused for the reason it names (expiry,
  // audience, issuer, algorithm, tampering), not for an unknown key.
  const mint = (options: {
    username?: string;
    groups?: string[];
    expiresInSeconds?: number;
    clientId?: string;
    issuer?: string;
  }) =>
    mintLocalToken({
      dataDir: api.keyDir,
      issuer: options.issuer ?? api.oidc.issuer,
      username: options.username ?? 'alice',
      groups: options.groups ?? [MODERATORS_GROUP],
      expiresInSeconds: options.expiresInSeconds,
      clientId: options.clientId,
    });
  const tokens: Record<string, () => Promise<string>> = {
    malformed: async () => 'not.a.jwt',
    expired: () => mint({ expiresInSeconds: -60 }),
    'wrong audience': () => mint({ clientId: 'someone-else' }),
    'wrong issuer': () => mint({ issuer: 'https://evil.example/pool' }),
    'alg none': async () => {
      const valid = await mint({});
      const payload = valid.split('.')[1];
      return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    },
    'HS256 signed with a guessable secret': () =>
      new SignJWT({ 'cognito:groups': ['moderators'], sub: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(api.oidc.issuer)
        .setAudience(api.oidc.clientId)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('secret')),
    'tampered payload': async () => {
      const reader = await mint({ username: 'bob', groups: [] });
      const [header, payload, signature] = reader.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      claims['cognito:groups'] = ['moderators'];
      return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    },
  };

  test.each(adminRoutes)('%s %s without a token answers 401', async (method, path) => {
    const response = await api.request(method, path, { body: method === 'POST' ? {} : undefined });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthorized');
  });

  test('the same minting without the flaw is accepted, so each refusal below is for the flaw it names', async () => {
    const response = await api.request('GET', '/v1/admin/comments', {
      headers: { authorization: `Bearer ${await mint({})}` },
    });
    expect(response.status).toBe(200);
  });

  test.each(Object.keys(tokens))('a %s token answers 401', async (kind) => {
    const token = await tokens[kind]!();
    const response = await api.request('GET', '/v1/admin/comments', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthorized');
  });

  test.each(adminRoutes)('%s %s with a valid token of a non-moderator answers 403', async (method, path) => {
    const token = await api.readerToken('bob');
    const response = await api.request(method, path, {
      headers: { authorization: `Bearer ${token}` },
      body: method === 'POST' ? {} : undefined,
    });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('forbidden');
  });

  test('admin responses are never cached', async () => {
    const response = await api.request('GET', '/v1/admin/comments', { headers: auth });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('the moderation queue', () => {
  test('lists pending comments newest first with everything a moderator needs', async () => {
    const P = 'mod/queue';
    const first = await post(api, {
      post: P,
      author: { name: 'Ann', email: 'ann@example.org', website: 'https://ann.example' },
    });
    const second = await post(api, {
      post: P,
      body: 'Visit https://a.example https://b.example https://c.example https://d.example now',
    });
    const page = expectStatus(
      await api.request('GET', `/v1/admin/comments?status=pending&post=${encodeURIComponent(P)}`, { headers: auth }),
      200,
    ).json;
    expect(page.comments.map((c: { id: string }) => c.id)).toEqual([second.comment.id, first.comment.id]);
    expect(page.comments[1]).toMatchObject({
      status: 'pending',
      body: expect.any(String),
      email: 'ann@example.org',
      ipHash: expect.any(String),
      userAgent: expect.any(String),
      spam: { score: 0, reasons: [] },
      moderation: [],
      author: { name: 'Ann', website: 'https://ann.example/', avatar: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(page.comments[0].spam).toEqual({ score: 0.5, reasons: ['links:4'] });
    expect(JSON.stringify(page)).not.toMatch(/editToken/);
  });

  test("each queued reply shows its parent's author and the start of its text, and each comment the post's title", async () => {
    const P = 'mod/context';
    expectStatus(
      await api.request('PUT', `/v1/admin/posts/meta?post=${P}`, {
        headers: auth,
        body: { title: 'Why we moved to DynamoDB', url: null },
      }),
      200,
    );
    const long = `${'Single table design keeps every read one call away. '.repeat(5)}The end.`;
    const parent = await postApproved(api, { post: P, author: { name: 'Bea' }, body: long });
    const reply = await post(api, { post: P, parentId: parent, body: 'I disagree.' });
    const page = expectStatus(
      await api.request('GET', `/v1/admin/comments?status=pending&post=${encodeURIComponent(P)}`, { headers: auth }),
      200,
    ).json;
    const listed = page.comments.find((c: { id: string }) => c.id === reply.comment.id);
    expect(listed.postTitle).toBe('Why we moved to DynamoDB');
    expect(listed.parent).toEqual({
      id: parent,
      authorName: 'Bea',
      excerpt: expect.stringMatching(/^Single table design keeps every read one call away\. Single.*…$/),
    });
    expect(listed.parent.excerpt.length).toBeLessThanOrEqual(141);
    const approved = expectStatus(
      await api.request('GET', `/v1/admin/comments?status=approved&post=${encodeURIComponent(P)}`, { headers: auth }),
      200,
    ).json;
    expect(approved.comments[0]).toMatchObject({ id: parent, parent: null, postTitle: 'Why we moved to DynamoDB' });
  });

  test('pages through the queue with a cursor bound to status and post', async () => {
    const P = 'mod/queue-pages';
    for (let i = 0; i < 5; i++) await post(api, { post: P });
    const first = expectStatus(
      await api.request('GET', `/v1/admin/comments?post=${encodeURIComponent(P)}&limit=2`, { headers: auth }),
      200,
    ).json;
    expect(first.comments).toHaveLength(2);
    const second = expectStatus(
      await api.request(
        'GET',
        `/v1/admin/comments?post=${encodeURIComponent(P)}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
        { headers: auth },
      ),
      200,
    ).json;
    expect(second.comments[0].id < first.comments[1].id).toBe(true);
    const crossed = await api.request(
      'GET',
      `/v1/admin/comments?status=spam&post=${encodeURIComponent(P)}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
      { headers: auth },
    );
    expect(crossed.json.error.code).toBe('invalid_cursor');
  });

  test('an unknown status is refused with 400', async () => {
    const response = await api.request('GET', '/v1/admin/comments?status=bogus', { headers: auth });
    expect(response.json.error).toMatchObject({ code: 'validation_failed', fields: { status: expect.any(String) } });
  });
});

describe('status changes keep counters exact', () => {
  test('approving twice counts once; reject after approve decrements; spam after reject changes nothing', async () => {
    const P = 'mod/counters';
    const { comment } = await post(api, { post: P });
    expect(await total(P)).toBe(0);
    expectStatus(await moderate(api, comment.id, 'approve'), 200);
    const again = expectStatus(await moderate(api, comment.id, 'approve'), 200).json;
    expect(again.comment.status).toBe('approved');
    expect(await total(P)).toBe(1);
    expect(await count(P)).toBe(1);
    expectStatus(await moderate(api, comment.id, 'reject'), 200);
    expect(await total(P)).toBe(0);
    expectStatus(await moderate(api, comment.id, 'spam'), 200);
    expect(await count(P)).toBe(0);
    const final = expectStatus(await moderate(api, comment.id, 'approve'), 200).json.comment;
    expect(final.moderation.map((m: { action: string; by: string }) => `${m.action}:${m.by}`)).toEqual([
      'approve:alice',
      'reject:alice',
      'spam:alice',
      'approve:alice',
    ]);
    expect(await total(P)).toBe(1);
  });

  test('50 concurrent posts and then 50 concurrent approvals (each sent twice) leave total exact', async () => {
    const P = 'mod/concurrent';
    const created = await Promise.all(Array.from({ length: 50 }, () => post(api, { post: P })));
    const token = await api.moderatorToken('bulk');
    const approvals = created.flatMap(({ comment }) =>
      [0, 1].map(() =>
        api.request('POST', `/v1/admin/comments/${comment.id}/approve`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    const responses = await Promise.all(approvals);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    expect(await total(P)).toBe(50);
    expect(await count(P)).toBe(50);
    const page = await thread(api, `post=${encodeURIComponent(P)}&limit=100`);
    expect(page.comments).toHaveLength(50);
  });

  test('a comment its author deleted cannot be approved (409), and an erased one is gone (404)', async () => {
    const P = 'mod/deleted';
    const mine = await post(api, { post: P });
    expectStatus(
      await api.request('DELETE', `/v1/comments/${mine.comment.id}`, { headers: { 'x-edit-token': mine.editToken } }),
      204,
    );
    const conflict = await moderate(api, mine.comment.id, 'approve');
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe('conflict');

    const erased = await postApproved(api, { post: P });
    expectStatus(await api.request('DELETE', `/v1/admin/comments/${erased}`, { headers: auth }), 204);
    expect((await moderate(api, erased, 'approve')).status).toBe(404);
    expect((await api.request('DELETE', `/v1/admin/comments/${erased}`, { headers: auth })).status).toBe(404);
    expect(await total(P)).toBe(0);
  });

  test('an unknown comment id answers 404', async () => {
    const response = await moderate(api, '01JD3ZZZZZZZZZZZZZZZZZZZZZ');
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('not_found');
  });

  test('a moderation reason is recorded with the action', async () => {
    const { comment } = await post(api, { post: 'mod/reason' });
    const response = expectStatus(
      await api.request('POST', `/v1/admin/comments/${comment.id}/reject`, {
        headers: auth,
        body: { reason: 'off topic' },
      }),
      200,
    );
    expect(response.json.comment.moderation).toEqual([
      { action: 'reject', by: 'alice', at: expect.any(String), reason: 'off topic' },
    ]);
  });
});

describe('bulk moderation', () => {
  test('applies one action to many comments and reports each', async () => {
    const P = 'mod/bulk';
    const ids = await Promise.all(Array.from({ length: 5 }, async () => (await post(api, { post: P })).comment.id));
    const unknown = '01JD3ZZZZZZZZZZZZZZZZZZZZZ';
    const response = expectStatus(
      await api.request('POST', '/v1/admin/moderation', {
        headers: auth,
        body: { action: 'approve', ids: [...ids, unknown] },
      }),
      200,
    );
    expect(response.json.results).toEqual({
      ...Object.fromEntries(ids.map((id) => [id, 'ok'])),
      [unknown]: 'not_found',
    });
    expect(await total(P)).toBe(5);

    const erased = expectStatus(
      await api.request('POST', '/v1/admin/moderation', {
        headers: auth,
        body: { action: 'delete', ids: ids.slice(0, 2) },
      }),
      200,
    );
    expect(Object.values(erased.json.results)).toEqual(['ok', 'ok']);
    expect(await total(P)).toBe(3);
  });

  test('more than 100 ids or an unknown action is refused with 400 and changes nothing', async () => {
    const before = await tableSnapshot(api.tableName);
    const tooMany = await api.request('POST', '/v1/admin/moderation', {
      headers: auth,
      body: { action: 'approve', ids: Array.from({ length: 101 }, () => '01JD3ZZZZZZZZZZZZZZZZZZZZZ') },
    });
    expect(tooMany.json.error).toMatchObject({ code: 'validation_failed', fields: { ids: 'At most 100 ids' } });
    const badAction = await api.request('POST', '/v1/admin/moderation', {
      headers: auth,
      body: { action: 'publish', ids: ['01JD3ZZZZZZZZZZZZZZZZZZZZZ'] },
    });
    expect(badAction.json.error.fields).toEqual({ action: expect.any(String) });
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });
});

describe('locking threads', () => {
  test('a locked thread refuses new comments with 403 thread_locked until unlocked; both are idempotent and audited', async () => {
    const P = 'mod/locked';
    await postApproved(api, { post: P });
    for (let i = 0; i < 2; i++) {
      const locked = expectStatus(
        await api.request('PUT', `/v1/admin/posts/lock?post=${encodeURIComponent(P)}`, { headers: auth }),
        200,
      );
      expect(locked.json).toEqual({ post: P, locked: true });
    }
    const before = await tableSnapshot(api.tableName);
    const refused = await api.request('POST', '/v1/comments', {
      body: { post: P, author: { name: 'Late' }, body: 'too late', elapsedMs: 60000 },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('thread_locked');
    expect(await tableSnapshot(api.tableName)).toEqual(before);
    expect((await thread(api, `post=${encodeURIComponent(P)}`)).locked).toBe(true);

    for (let i = 0; i < 2; i++) {
      const unlocked = expectStatus(
        await api.request('DELETE', `/v1/admin/posts/lock?post=${encodeURIComponent(P)}`, { headers: auth }),
        200,
      );
      expect(unlocked.json).toEqual({ post: P, locked: false });
    }
    expectStatus(
      await api.request('POST', '/v1/comments', {
        body: { post: P, author: { name: 'Now' }, body: 'open again', elapsedMs: 60000 },
      }),
      201,
    );

    const audit = expectStatus(await api.request('GET', '/v1/admin/audit?limit=100', { headers: auth }), 200).json;
    const lockEntries = audit.entries.filter(
      (e: { post: string; action: string }) => e.post === P && (e.action === 'lock' || e.action === 'unlock'),
    );
    expect(lockEntries.map((e: { action: string }) => e.action)).toEqual(['unlock', 'lock']);
  });

  test('locking without a valid post id is refused with 400', async () => {
    const response = await api.request('PUT', '/v1/admin/posts/lock', { headers: auth });
    expect(response.json.error).toMatchObject({ code: 'validation_failed', fields: { post: 'Required' } });
  });
});

describe('the audit log', () => {
  test('records who did what to which comment, newest first, and pages with a cursor', async () => {
    const { comment } = await post(api, { post: 'mod/audit' });
    await api.request('POST', `/v1/admin/comments/${comment.id}/spam`, {
      headers: auth,
      body: { reason: 'casino links' },
    });
    const page = expectStatus(await api.request('GET', '/v1/admin/audit?limit=1', { headers: auth }), 200).json;
    expect(page.entries).toEqual([
      {
        id: expect.any(String),
        action: 'spam',
        by: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
        byName: 'alice',
        byEmail: null,
        commentId: comment.id,
        post: 'mod/audit',
        at: expect.any(String),
        reason: 'casino links',
      },
    ]);
    const next = expectStatus(
      await api.request('GET', `/v1/admin/audit?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`, {
        headers: auth,
      }),
      200,
    ).json;
    expect(next.entries[0].id < page.entries[0].id).toBe(true);
    const forged = await api.request('GET', `/v1/admin/audit?cursor=${encodeURIComponent(page.nextCursor + 'x')}`, {
      headers: auth,
    });
    expect(forged.json.error.code).toBe('invalid_cursor');
  });
});
