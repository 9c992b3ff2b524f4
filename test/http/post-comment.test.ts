import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { sha256 } from '../../shared/crypto';
import { commentBody, formToken, expectStatus, moderate, post, postApproved, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';

let api: TestApi;
afterEach(() => api?.close());
const start = (env: Record<string, string> = {}) =>
  startTestApi({ env: { RATE_LIMIT_MAX: '100000', ...env } }).then((a) => (api = a));

describe('idempotency keys', () => {
  beforeEach(() => start());

  test('the same key sent 10 times concurrently creates one comment and answers each with the first response', async () => {
    const body = commentBody({ post: 'idem/concurrent' });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.request('POST', '/v1/comments', { body, headers: { 'idempotency-key': 'retry-me-1' } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.json.comment.id));
    const tokens = new Set(responses.map((r) => r.json.editToken));
    expect(ids.size).toBe(1);
    expect(tokens.size).toBe(1);
    const queue = expectStatus(
      await api.request('GET', '/v1/admin/comments?post=idem/concurrent', {
        headers: { authorization: `Bearer ${await api.moderatorToken()}` },
      }),
      200,
    ).json;
    expect(queue.comments).toHaveLength(1);
    // The replayed edit token works: it is the one whose hash was stored.
    const [id] = [...ids];
    expectStatus(
      await api.request('PATCH', `/v1/comments/${id}`, {
        body: { body: 'edited once' },
        headers: { 'x-edit-token': [...tokens][0] },
      }),
      200,
    );
  });

  test('the same key with a different body answers 409 idempotency_conflict and stores nothing', async () => {
    expectStatus(
      await api.request('POST', '/v1/comments', {
        body: commentBody({ post: 'idem/conflict' }),
        headers: { 'idempotency-key': 'k-2' },
      }),
      201,
    );
    const before = await tableSnapshot(api.tableName);
    const response = await api.request('POST', '/v1/comments', {
      body: commentBody({ post: 'idem/conflict' }),
      headers: { 'idempotency-key': 'k-2' },
    });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('idempotency_conflict');
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });

  test('an expired idempotency record that TTL has not yet deleted no longer holds its key', async () => {
    const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
    const stale = {
      pk: { S: `IDEMPOTENCY#${sha256('k-stale')}` },
      sk: { S: 'IDEMPOTENCY' },
      requestHash: { S: 'x' },
      commentId: { S: '01JD3ZZZZZZZZZZZZZZZZZZZZZ' },
      editableUntil: { S: '2020-01-01T00:00:00.000Z' },
      expiresAt: { N: String(Math.floor(Date.now() / 1000) - 60) },
    };
    await client.send(new PutItemCommand({ TableName: api.tableName, Item: stale }));
    client.destroy();
    const response = await api.request('POST', '/v1/comments', {
      body: commentBody({ post: 'idem/stale' }),
      headers: { 'idempotency-key': 'k-stale' },
    });
    expect(response.status).toBe(201);
    expect(response.json.comment.post).toBe('idem/stale');
  });

  test('an erased comment leaves nothing personal behind its key, and replaying the key answers 404', async () => {
    const body = commentBody({
      post: 'idem/erased',
      author: { name: 'Vanishing Name', email: 'vanishing@example.org' },
      body: 'words to be erased',
    });
    const created = expectStatus(
      await api.request('POST', '/v1/comments', { body, headers: { 'idempotency-key': 'k-erase' } }),
      201,
    ).json;
    const auth = { authorization: `Bearer ${await api.moderatorToken()}` };
    expectStatus(await api.request('DELETE', `/v1/admin/comments/${created.comment.id}`, { headers: auth }), 204);
    expect((await tableSnapshot(api.tableName)).join('\n')).not.toMatch(
      /Vanishing Name|vanishing@example.org|words to be erased/,
    );
    const replayed = await api.request('POST', '/v1/comments', { body, headers: { 'idempotency-key': 'k-erase' } });
    expect(replayed.status).toBe(404);
  });

  test('without a key, two identical posts are two comments (the second held as a duplicate)', async () => {
    const body = commentBody({ post: 'idem/none' });
    const first = expectStatus(await api.request('POST', '/v1/comments', { body }), 201).json;
    const second = expectStatus(await api.request('POST', '/v1/comments', { body }), 201).json;
    expect(first.comment.id).not.toBe(second.comment.id);
    const queue = expectStatus(
      await api.request('GET', '/v1/admin/comments?post=idem/none', {
        headers: { authorization: `Bearer ${await api.moderatorToken()}` },
      }),
      200,
    ).json;
    expect(queue.comments.find((c: { id: string }) => c.id === second.comment.id).spam.reasons).toContain('duplicate');
  });
});

describe('moderation policies and spam signals', () => {
  test('pre holds everything', async () => {
    await start({ MODERATION: 'pre' });
    expect((await post(api)).comment.status).toBe('pending');
  });

  test('post publishes at once and counts it', async () => {
    await start({ MODERATION: 'post' });
    const { comment } = await post(api, { post: 'policy/post' });
    expect(comment.status).toBe('approved');
    expect((await thread(api, 'post=policy/post')).total).toBe(1);
  });

  test('trusted publishes an author (email and credential) who already has an approved comment, and holds newcomers', async () => {
    await start({ MODERATION: 'trusted' });
    const author = { name: 'Regular', email: 'Regular@Example.org' };
    const first = await post(api, { post: 'policy/trusted', author });
    expect(first.comment.status).toBe('pending');
    expect(first.authorCredential).toEqual(expect.any(String));
    expectStatus(await moderate(api, first.comment.id), 200);
    const second = await post(
      api,
      { post: 'policy/trusted', author: { name: 'Regular', email: 'regular@example.org' } },
      { 'x-author-credential': first.authorCredential },
    );
    expect(second.comment.status).toBe('approved');
    expect(second.authorCredential).toBe(first.authorCredential);
    const stranger = await post(api, { post: 'policy/trusted', author: { name: 'New', email: 'new@example.org' } });
    expect(stranger.comment.status).toBe('pending');
    // An edit by a trusted author stays published.
    const edited = expectStatus(
      await api.request('PATCH', `/v1/comments/${second.comment.id}`, {
        body: { body: 'still fine' },
        headers: { 'x-edit-token': second.editToken },
      }),
      200,
    );
    expect(edited.json.comment.status).toBe('approved');
  });

  test("under trusted, typing a trusted reader's email (any case) neither publishes nor borrows their identicon", async () => {
    await start({ MODERATION: 'trusted' });
    const P = 'policy/impostor';
    const reader = { name: 'Terri', email: 'terri.trusted@example.org' };
    const first = await post(api, { post: P, author: reader });
    expectStatus(await moderate(api, first.comment.id), 200);
    const genuine = await post(api, { post: P, author: reader }, { 'x-author-credential': first.authorCredential });
    expect(genuine.comment.status).toBe('approved');
    expect(genuine.comment.author?.avatar).toBe(first.comment.author?.avatar);

    const [forgedRoot] = first.authorCredential.split('.');
    const attempts: [string, Record<string, string>, Record<string, string>][] = [
      ['the email alone', { ...reader, email: 'TERRI.TRUSTED@example.org' }, {}],
      ['a forged credential', reader, { 'x-author-credential': `${forgedRoot}.forged` }],
      [
        'their credential with another email',
        { name: 'Terri', email: 'other@example.org' },
        { 'x-author-credential': first.authorCredential },
      ],
    ];
    for (const [, author, headers] of attempts) {
      const impostor = await post(api, { post: P, author }, headers);
      expect(impostor.comment.status).toBe('pending');
      expect(impostor.comment.author?.avatar).not.toBe(first.comment.author?.avatar);
      expect(impostor.authorCredential).not.toBe(first.authorCredential);
    }
  });

  const queueItem = async (id: string, status: string) => {
    const page = expectStatus(
      await api.request('GET', `/v1/admin/comments?status=${status}&limit=100`, {
        headers: { authorization: `Bearer ${await api.moderatorToken()}` },
      }),
      200,
    ).json;
    return page.comments.find((c: { id: string }) => c.id === id);
  };

  test.each([
    ['a filled honeypot', { hp: 'http://spam.example' }, 'spam', 'honeypot'],
    ['a blocked word', { body: 'Cheap VIAGRA here' }, 'spam', 'blocked:viagra'],
    [
      'too many links',
      { body: 'https://a.example https://b.example https://c.example https://d.example' },
      'pending',
      'links:4',
    ],
    ['a submission faster than a human types', { elapsedMs: 400 }, 'pending', 'too_fast'],
    [
      'a missing form token, whatever elapsedMs claims',
      { formToken: undefined, elapsedMs: 60_000 },
      'pending',
      'no_form_token',
    ],
    ['a forged form token', { formToken: `${Date.now().toString(36)}.forged` }, 'pending', 'no_form_token'],
    ['a form token older than a day', { formToken: formToken(25 * 3600_000) }, 'pending', 'no_form_token'],
  ])('%s holds or rejects the comment even under the post policy', async (_name, overrides, status, reason) => {
    await start({ MODERATION: 'post' });
    const { comment } = await post(api, { post: 'policy/spam', ...overrides });
    // Spam is reported to the poster as pending, so a spammer learns nothing.
    expect(comment.status).toBe('pending');
    const stored = await queueItem(comment.id, status);
    expect(stored.spam.reasons).toContain(reason);
    expect((await thread(api, 'post=policy/spam')).total).toBe(0);
  });
});

describe('signals a client cannot forge or probe', () => {
  test("the thread page's form token times the form: sent at once it holds the comment, sent later it does not", async () => {
    await start({ MODERATION: 'post', MIN_SUBMIT_MILLIS: '400' });
    const page = await thread(api, 'post=policy/form-token');
    expect(page.formToken).toEqual(expect.any(String));
    const hasty = await post(api, { post: 'policy/form-token', formToken: page.formToken, elapsedMs: 60_000 });
    expect(hasty.comment.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const patient = await post(api, { post: 'policy/form-token', formToken: page.formToken });
    expect(patient.comment.status).toBe('approved');
  });

  test('a form token issued under 3 s ago holds the comment, whatever elapsedMs claims', async () => {
    await start({ MODERATION: 'post' });
    const { comment } = await post(api, { post: 'policy/too-fast', formToken: formToken(500), elapsedMs: 60_000 });
    expect(comment.status).toBe('pending');
    const queue = expectStatus(
      await api.request('GET', '/v1/admin/comments?status=pending&post=policy/too-fast', {
        headers: { authorization: `Bearer ${await api.moderatorToken()}` },
      }),
      200,
    ).json;
    expect(queue.comments[0].spam.reasons).toEqual(['too_fast']);
  });

  test('duplicate markers are per post: a text posted on another post is no duplicate here', async () => {
    await start({ MODERATION: 'post' });
    const body = `A text that travels ${Math.random()}`;
    expect((await post(api, { post: 'dup/a', body })).comment.status).toBe('approved');
    expect((await post(api, { post: 'dup/b', body })).comment.status).toBe('approved');
    expect((await post(api, { post: 'dup/a', body })).comment.status).toBe('pending');
  });
});

describe('rate limiting', () => {
  beforeEach(() =>
    startTestApi({ env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '600' } }).then((a) => (api = a)),
  );

  test('a client over the limit gets 429 with Retry-After, and X-Forwarded-For does not dodge it', async () => {
    for (let i = 0; i < 3; i++)
      expectStatus(await api.request('POST', '/v1/comments', { body: commentBody(), localAddress: '127.0.0.3' }), 201);
    const before = await tableSnapshot(api.tableName);
    const spoofs: Record<string, string>[] = [
      {},
      { 'x-forwarded-for': '203.0.113.9' },
      { 'x-real-ip': '198.51.100.4', forwarded: 'for=192.0.2.1' },
    ];
    for (const headers of spoofs) {
      const response = await api.request('POST', '/v1/comments', {
        body: commentBody(),
        headers,
        localAddress: '127.0.0.3',
      });
      expect(response.status).toBe(429);
      expect(response.json.error.code).toBe('rate_limited');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(600);
    }
    expect(await tableSnapshot(api.tableName)).toEqual(before);
    // Another client is not affected.
    expectStatus(await api.request('POST', '/v1/comments', { body: commentBody(), localAddress: '127.0.0.4' }), 201);
  });
});

describe('rendering and privacy', () => {
  beforeEach(() => start({ MODERATION: 'post' }));

  test('XSS attempts in body, name and website are stored and served inert', async () => {
    const body = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(2)>',
      '[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1))',
      '<a href="javascript:alert(4)">a</a> <iframe src="https://evil.example"></iframe>',
      '![img](https://tracker.example/pixel.png)',
      'fine link https://example.org',
    ].join('\n\n');
    const { comment } = await post(api, {
      post: 'xss/all',
      body,
      author: { name: '<img src=x onerror=alert(5)>', website: 'https://example.org/"><script>alert(6)</script>' },
    });
    const page = await thread(api, 'post=xss/all');
    const node = page.comments.find((c: { id: string }) => c.id === comment.id);
    const html: string = node.html;
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      expect(tag).toMatch(/^<(p|a|em|strong|code|pre|del|br|blockquote|ul|ol|li|h[1-6]|hr)[\s>]/);
      expect(tag).not.toMatch(/\son\w+=|style=|src=/i);
    }
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:|mailto:)/);
    for (const anchor of html.match(/<a [^>]*>/g) ?? []) expect(anchor).toContain('rel="nofollow ugc noopener"');
    expect(html).toContain('&lt;script&gt;');
    // Names and websites are data: JSON-escaped text the widget inserts as text, never HTML.
    expect(node.author.name).toBe('<img src=x onerror=alert(5)>');
    expect(node.author.website).toBe('https://example.org/%22%3E%3Cscript%3Ealert(6)%3C/script%3E');
  });

  test('no public response contains an email, an IP, an IP hash or an edit token', async () => {
    const posted = expectStatus(
      await api.request('POST', '/v1/comments', {
        body: commentBody({ post: 'privacy/scan', author: { name: 'Private', email: 'private.person@example.org' } }),
        localAddress: '127.0.0.7',
      }),
      201,
    ).json;
    const admin = expectStatus(
      await api.request('GET', '/v1/admin/comments?status=approved&post=privacy/scan', {
        headers: { authorization: `Bearer ${await api.moderatorToken()}` },
      }),
      200,
    ).json;
    const ipHash: string = admin.comments[0].ipHash;
    expect(JSON.stringify(posted)).not.toMatch(/private\.person|127\.0\.0\.7/);
    expect(JSON.stringify(posted)).not.toContain(ipHash);
    const publicResponses = await Promise.all([
      api.request('GET', '/v1/comments?post=privacy/scan'),
      api.request('GET', '/v1/counts?post=privacy/scan'),
      api.request('GET', '/v1/feed?post=privacy/scan'),
      api.request('GET', '/v1/feed'),
      api.request('GET', '/v1/health'),
    ]);
    for (const response of publicResponses) {
      expect(response.status).toBe(200);
      for (const secret of ['private.person', '@example.org', '127.0.0.7', ipHash, posted.editToken])
        expect(response.text).not.toContain(secret);
    }
  });
});

describe('counts, feed and health', () => {
  beforeEach(() => start());

  test('counts answer for up to 100 posts at once, with 0 for unknown posts', async () => {
    await postApproved(api, { post: 'counts/a' });
    await postApproved(api, { post: 'counts/a' });
    const posts = ['counts/a', ...Array.from({ length: 99 }, (_, i) => `counts/none-${i}`)];
    const response = expectStatus(
      await api.request('GET', `/v1/counts?${posts.map((p) => `post=${encodeURIComponent(p)}`).join('&')}`),
      200,
    );
    expect(Object.keys(response.json.counts)).toHaveLength(100);
    expect(response.json.counts['counts/a']).toBe(2);
    expect(response.json.counts['counts/none-5']).toBe(0);
  });

  test('counts refuse more than 100 posts, a bad post id, or none', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `post=p${i}`).join('&');
    expect((await api.request('GET', `/v1/counts?${many}`)).json.error.fields).toEqual({ post: 'At most 100 posts' });
    expect((await api.request('GET', '/v1/counts?post=..%2Fx')).json.error.code).toBe('validation_failed');
    expect((await api.request('GET', '/v1/counts')).json.error.fields).toEqual({ post: 'Required' });
  });

  test('the site feed is valid Atom with the newest approved comments and nothing pending', async () => {
    await postApproved(api, { post: 'feed/a', body: 'approved words', title: 'Post A & more' });
    await post(api, { post: 'feed/a', body: 'pending words' });
    const response = expectStatus(await api.request('GET', '/v1/feed'), 200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(response.text);
    const entries = [doc.feed.entry].flat();
    expect(entries.length).toBeGreaterThan(0);
    expect(response.text).toContain('approved words');
    expect(response.text).not.toContain('pending words');
    expect(entries[0].title).toContain('Post A &amp; more'.replace('&amp;', '&'));
  });

  test('the feed of an unknown post is an empty, valid Atom feed', async () => {
    const response = expectStatus(await api.request('GET', '/v1/feed?post=never/seen'), 200);
    const doc = new XMLParser().parse(response.text);
    expect(doc.feed.id).toBe('urn:parley:feed:never/seen');
    expect(doc.feed.entry).toBeUndefined();
  });

  test('health answers ok and is never cached', async () => {
    const response = expectStatus(await api.request('GET', '/v1/health'), 200);
    expect(response.json).toEqual({ ok: true });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
