import { expectStatus, moderate, post, postApproved, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => api.close());

type Node = {
  id: string;
  depth: number;
  parentId: string | null;
  deleted: boolean;
  html: string;
  author: unknown;
  replies: Node[];
};
const q = (post: string, extra = '') => `post=${encodeURIComponent(post)}${extra}`;

describe('threading', () => {
  const P = 'threads/depth';
  let chain: string[];

  beforeAll(async () => {
    chain = [await postApproved(api, { post: P })];
    for (let depth = 1; depth <= 5; depth++)
      chain.push(await postApproved(api, { post: P, parentId: chain[depth - 1] }));
  });

  test('replies nest to depth 5, each under its parent', async () => {
    const page = await thread(api, q(P));
    let node: Node = page.comments[0];
    for (let depth = 0; depth <= 5; depth++) {
      expect(node).toMatchObject({ id: chain[depth], depth, parentId: depth === 0 ? null : chain[depth - 1] });
      if (depth < 5) node = node.replies[0]!;
    }
    expect(node.replies).toEqual([]);
  });

  test('a reply to a depth-5 comment is attached at depth 5, to the same parent', async () => {
    const { comment } = await post(api, { post: P, parentId: chain[5] });
    expect(comment).toMatchObject({ depth: 5, parentId: chain[4] });
    expectStatus(await moderate(api, comment.id), 200);
    const page = await thread(api, q(P));
    const depth4: Node = page.comments[0].replies[0].replies[0].replies[0].replies[0];
    expect(depth4.replies.map((r) => r.id)).toEqual([chain[5], comment.id]);
  });

  test('a reply to a comment of another post is refused with 400', async () => {
    const response = await api.request('POST', '/v1/comments', {
      body: { post: 'threads/other', parentId: chain[0], author: { name: 'X' }, body: 'hi there', elapsedMs: 60000 },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual({ parentId: expect.any(String) });
  });

  test('a reply to a pending comment is refused with 400', async () => {
    const { comment } = await post(api, { post: P });
    const response = await api.request('POST', '/v1/comments', {
      body: { post: P, parentId: comment.id, author: { name: 'X' }, body: 'reply to pending', elapsedMs: 60000 },
    });
    expect(response.status).toBe(400);
  });
});

describe('deleted placeholders', () => {
  const P = 'threads/placeholders';

  test('a comment its author deleted stays as a content-free placeholder while approved replies hang below it', async () => {
    const parent = await post(api, { post: P });
    expectStatus(await moderate(api, parent.comment.id), 200);
    const reply = await postApproved(api, { post: P, parentId: parent.comment.id });
    expectStatus(
      await api.request('DELETE', `/v1/comments/${parent.comment.id}`, {
        headers: { 'x-edit-token': parent.editToken },
      }),
      204,
    );

    const page = await thread(api, q(P));
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]).toMatchObject({ id: parent.comment.id, deleted: true, html: '', author: null });
    expect(page.comments[0].replies.map((r: Node) => r.id)).toEqual([reply]);
    expect(page.total).toBe(1);
  });

  test('a deleted comment without replies disappears', async () => {
    const lone = await post(api, { post: `${P}/lone` });
    expectStatus(await moderate(api, lone.comment.id), 200);
    expectStatus(
      await api.request('DELETE', `/v1/comments/${lone.comment.id}`, { headers: { 'x-edit-token': lone.editToken } }),
      204,
    );
    const page = await thread(api, q(`${P}/lone`));
    expect(page).toMatchObject({ total: 0, comments: [], nextCursor: null });
  });

  test('an erased comment leaves a placeholder for its replies and nothing of its own', async () => {
    const P2 = `${P}/erased`;
    const parent = await postApproved(api, {
      post: P2,
      author: { name: 'Secret Name', email: 'secret@example.org' },
      body: 'erase this text',
    });
    const reply = await postApproved(api, { post: P2, parentId: parent });
    const token = await api.moderatorToken();
    expectStatus(
      await api.request('DELETE', `/v1/admin/comments/${parent}`, { headers: { authorization: `Bearer ${token}` } }),
      204,
    );
    const page = await thread(api, q(P2));
    expect(page.comments[0]).toMatchObject({ id: parent, deleted: true, author: null, html: '' });
    expect(page.comments[0].replies[0].id).toBe(reply);
    expect(JSON.stringify(page)).not.toMatch(/Secret Name|erase this text|secret@example.org/);
    expect(page.total).toBe(1);
  });

  test('a rejected comment is never shown, and its approved replies keep a placeholder', async () => {
    const P3 = `${P}/rejected`;
    const parent = await postApproved(api, { post: P3, body: 'later rejected text' });
    const reply = await postApproved(api, { post: P3, parentId: parent });
    expectStatus(await moderate(api, parent, 'reject'), 200);
    const page = await thread(api, q(P3));
    expect(page.comments[0]).toMatchObject({ id: parent, deleted: true, html: '' });
    expect(page.comments[0].replies[0].id).toBe(reply);
    expect(JSON.stringify(page)).not.toContain('later rejected text');
    expect(page.total).toBe(1);
  });
});

describe('pagination', () => {
  const P = 'threads/paged';
  let ids: string[];

  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 7; i++) {
      const id = await postApproved(api, { post: P, body: `top level ${i}` });
      ids.push(id);
      // Replies of varying number, so pages are not just counts of items.
      for (let r = 0; r < i % 3; r++) await postApproved(api, { post: P, parentId: id, body: `reply ${r} to ${i}` });
    }
  });

  const walk = async (sort: string, limit: number) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page: any = await thread(
        api,
        q(P, `&sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      );
      expect(page.comments.length).toBeLessThanOrEqual(limit);
      expect(page.total).toBe(7 + 0 + 1 + 2 + 0 + 1 + 2 + 0);
      for (const c of page.comments) {
        seen.push(c.id);
        expect(c.replies.every((r: Node, i: number, all: Node[]) => i === 0 || all[i - 1]!.id < r.id)).toBe(true);
      }
      cursor = page.nextCursor;
      if (!cursor) return { seen, pages: pages + 1 };
    }
    throw new Error('pagination did not end');
  };

  test('oldest first walks every top-level comment once, in order, over several pages', async () => {
    const { seen, pages } = await walk('oldest', 3);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  test('newest first walks every top-level comment once, newest first, with replies still oldest first', async () => {
    const { seen, pages } = await walk('newest', 2);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(4);
  });

  test('each top-level comment comes with all its approved replies', async () => {
    const page = await thread(api, q(P, '&limit=100'));
    expect(page.comments.map((c: Node) => c.replies.length)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(page.nextCursor).toBeNull();
  });

  const cursorOf = async (sort: string) => (await thread(api, q(P, `&sort=${sort}&limit=2`))).nextCursor as string;

  test('an altered cursor is refused with 400 invalid_cursor', async () => {
    const cursor = await cursorOf('oldest');
    const [payload, signature] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify('0')).toString('base64url');
    for (const bad of [
      `${forgedPayload}.${signature}`,
      `${payload}.${signature!.slice(0, -2)}AA`,
      `${payload}`,
      'garbage',
      `${cursor}.x`,
    ]) {
      const response = await api.request('GET', `/v1/comments?${q(P, `&cursor=${encodeURIComponent(bad)}`)}`);
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('invalid_cursor');
    }
  });

  test('a cursor used with another post or another sort is refused with 400 invalid_cursor', async () => {
    const cursor = await cursorOf('oldest');
    const otherPost = await api.request(
      'GET',
      `/v1/comments?${q('threads/placeholders', `&cursor=${encodeURIComponent(cursor)}`)}`,
    );
    expect(otherPost.json.error.code).toBe('invalid_cursor');
    const otherSort = await api.request(
      'GET',
      `/v1/comments?${q(P, `&sort=newest&cursor=${encodeURIComponent(cursor)}`)}`,
    );
    expect(otherSort.json.error.code).toBe('invalid_cursor');
  });

  test.each(['0', '101', '-1', '2.5', 'ten', ''])('limit=%s is refused with 400, never clamped', async (limit) => {
    const response = await api.request('GET', `/v1/comments?${q(P, `&limit=${limit}`)}`);
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'validation_failed', fields: { limit: expect.any(String) } });
  });

  test('an unknown post is an empty thread, not an error', async () => {
    expect(await thread(api, q('never/commented'))).toEqual({
      post: 'never/commented',
      total: 0,
      locked: false,
      reactions: true,
      comments: [],
      nextCursor: null,
      formToken: expect.any(String),
    });
  });

  test('a missing post parameter is refused with 400 naming it', async () => {
    const response = await api.request('GET', '/v1/comments');
    expect(response.json.error).toMatchObject({ code: 'validation_failed', fields: { post: 'Required' } });
  });

  test('thread pages may be cached briefly by a CDN and set no cookie', async () => {
    const response = await api.request('GET', `/v1/comments?${q(P)}`);
    expect(response.headers['cache-control']).toMatch(/public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+/);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
