import { expectStatus, moderate, post, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';

let api: TestApi;
afterEach(() => api?.close());

const patch = (id: string, token: string | undefined, body: unknown) =>
  api.request('PATCH', `/v1/comments/${id}`, { body, headers: token === undefined ? {} : { 'x-edit-token': token } });
const remove = (id: string, token: string | undefined) =>
  api.request('DELETE', `/v1/comments/${id}`, { headers: token === undefined ? {} : { 'x-edit-token': token } });

describe('within the edit window', () => {
  beforeEach(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  });

  test('the author edits a pending comment with the edit token and gets the re-rendered comment', async () => {
    const mine = await post(api, { post: 'author/edit' });
    const response = expectStatus(
      await patch(mine.comment.id, mine.editToken, { body: 'Now with **bold** words' }),
      200,
    );
    expect(response.json.comment).toMatchObject({
      id: mine.comment.id,
      status: 'pending',
      html: '<p>Now with <strong>bold</strong> words</p>',
      editedAt: expect.any(String),
    });
  });

  test('an edit of an approved comment under the pre policy goes back to pending and leaves the thread', async () => {
    const mine = await post(api, { post: 'author/re-moderated' });
    expectStatus(await moderate(api, mine.comment.id), 200);
    expect((await thread(api, 'post=author/re-moderated')).total).toBe(1);
    const response = expectStatus(await patch(mine.comment.id, mine.editToken, { body: 'edited text' }), 200);
    expect(response.json.comment.status).toBe('pending');
    const page = await thread(api, 'post=author/re-moderated');
    expect(page.total).toBe(0);
    expect(page.comments).toEqual([]);
  });

  test('a missing edit token answers 401, whether or not the comment exists, and changes nothing', async () => {
    const mine = await post(api, { post: 'author/tokens' });
    const before = await tableSnapshot(api.tableName);
    for (const id of [mine.comment.id, '01JD3ZZZZZZZZZZZZZZZZZZZZZ']) {
      const edit = await patch(id, undefined, { body: 'hijacked' });
      expect(edit.status).toBe(401);
      expect(edit.json.error.code).toBe('unauthorized');
      expect((await remove(id, undefined)).status).toBe(401);
    }
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });

  test('a wrong edit token answers exactly as an unknown id (404), so ids cannot be probed, and changes nothing', async () => {
    const mine = await post(api, { post: 'author/probe' });
    const before = await tableSnapshot(api.tableName);
    const unknown = await patch('01JD3ZZZZZZZZZZZZZZZZZZZZZ', 'wrong', { body: 'x' });
    expect(unknown.status).toBe(404);
    for (const token of ['wrong', `${mine.editToken}x`]) {
      const edit = await patch(mine.comment.id, token, { body: 'hijacked' });
      expect([edit.status, edit.json]).toEqual([unknown.status, unknown.json]);
      const gone = await remove(mine.comment.id, token);
      expect([gone.status, gone.json]).toEqual([unknown.status, unknown.json]);
    }
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });

  test('an unknown id answers 404, a malformed one too', async () => {
    expect((await patch('01JD3ZZZZZZZZZZZZZZZZZZZZZ', 'x', { body: 'x' })).status).toBe(404);
    expect((await remove('not-an-id', 'x')).status).toBe(404);
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

  test.each(['reject', 'spam'] as const)(
    'the author of a comment a moderator marked %s is answered exactly as for a pending one; the verdict stays',
    async (action) => {
      const pending = await post(api, { post: `author/${action}` });
      const judged = await post(api, { post: `author/${action}` });
      expectStatus(await moderate(api, judged.comment.id, action), 200);
      const asPending = expectStatus(await patch(pending.comment.id, pending.editToken, { body: 'reworded' }), 200);
      const asJudged = expectStatus(await patch(judged.comment.id, judged.editToken, { body: 'reworded' }), 200);
      expect(asJudged.json.comment.status).toBe(asPending.json.comment.status);
      expect(asJudged.json.comment.html).toBe(asPending.json.comment.html);
      const stored = await queueItem(judged.comment.id, action === 'reject' ? 'rejected' : 'spam');
      expect(stored.body).toBe('reworded');
      expect((await remove(judged.comment.id, judged.editToken)).status).toBe(204);
    },
  );

  test('the author of a honeypot-flagged comment is answered exactly as for a pending one', async () => {
    const flagged = await post(api, { post: 'author/honeypot', hp: 'gotcha' });
    const edit = expectStatus(await patch(flagged.comment.id, flagged.editToken, { body: 'innocent now' }), 200);
    expect(edit.json.comment.status).toBe('pending');
    expect((await queueItem(flagged.comment.id, 'spam')).spam.reasons).toContain('honeypot');
  });

  test('deleting answers 204 and removes the text; a repeat answers 204 again and writes and counts nothing', async () => {
    const mine = await post(api, { post: 'author/delete', body: 'words to withdraw' });
    expect((await remove(mine.comment.id, mine.editToken)).status).toBe(204);
    const afterFirst = await tableSnapshot(api.tableName);
    expect(afterFirst.join('\n')).not.toContain('words to withdraw');
    expect((await remove(mine.comment.id, mine.editToken)).status).toBe(204);
    expect(await tableSnapshot(api.tableName)).toEqual(afterFirst);
    // A deleted comment can no longer be edited: for its author it is gone.
    expect((await patch(mine.comment.id, mine.editToken, { body: 'back' })).status).toBe(404);
  });

  test('an edit in a locked thread answers 403 thread_locked and changes nothing; deleting is still allowed', async () => {
    const mine = await post(api, { post: 'author/locked' });
    const token = await api.moderatorToken();
    expectStatus(
      await api.request('PUT', '/v1/admin/posts/lock?post=author/locked', {
        headers: { authorization: `Bearer ${token}` },
      }),
      200,
    );
    const before = await tableSnapshot(api.tableName);
    const edit = await patch(mine.comment.id, mine.editToken, { body: 'sneaking in' });
    expect(edit.status).toBe(403);
    expect(edit.json.error.code).toBe('thread_locked');
    expect(await tableSnapshot(api.tableName)).toEqual(before);
    expect((await remove(mine.comment.id, mine.editToken)).status).toBe(204);
  });

  test('an edit body is validated like a new one', async () => {
    const mine = await post(api, { post: 'author/validate' });
    const before = await tableSnapshot(api.tableName);
    const empty = await patch(mine.comment.id, mine.editToken, { body: '' });
    expect(empty.json.error).toMatchObject({ code: 'validation_failed', fields: { body: 'Required' } });
    const extra = await patch(mine.comment.id, mine.editToken, { body: 'ok', status: 'approved' });
    expect(extra.json.error.fields).toEqual({ status: 'Unknown field' });
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });
});

describe('under the post policy', () => {
  beforeEach(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', MODERATION: 'post' } });
  });

  test('an approved comment edited into spam goes back to pending', async () => {
    const mine = await post(api, { post: 'author/spam-edit' });
    expect(mine.comment.status).toBe('approved');
    const edited = expectStatus(
      await patch(mine.comment.id, mine.editToken, {
        body: 'see https://a.example https://b.example https://c.example https://d.example',
      }),
      200,
    );
    expect(edited.json.comment.status).toBe('pending');
    expect((await thread(api, 'post=author/spam-edit')).total).toBe(0);
  });
});

describe('the same spam checks on edits as on new comments (post policy)', () => {
  beforeEach(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', MODERATION: 'post' } });
  });

  test('an edit into the text of a recent comment of the same post is held as a duplicate', async () => {
    const text = `Buy followers now ${Math.random()}`;
    expect((await post(api, { post: 'author/dup', body: text })).comment.status).toBe('approved');
    const mine = await post(api, { post: 'author/dup' });
    expect(mine.comment.status).toBe('approved');
    const edited = expectStatus(await patch(mine.comment.id, mine.editToken, { body: text.toUpperCase() }), 200);
    expect(edited.json.comment.status).toBe('pending');
    // The edited text leaves its own marker: a third comment with it is held too.
    const third = await post(api, { post: 'author/dup', body: `${text}!` });
    expect(third.comment.status).toBe('pending');
  });

  test('rewording within the same text is no duplicate of itself', async () => {
    const mine = await post(api, { post: 'author/self', body: 'My own words here' });
    const edited = expectStatus(await patch(mine.comment.id, mine.editToken, { body: 'my own words, here!' }), 200);
    expect(edited.json.comment.status).toBe('approved');
  });
});

describe('after the edit window', () => {
  beforeEach(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', EDIT_WINDOW_SECONDS: '1' } });
  });

  test('edit and delete answer 403 edit_window_closed', async () => {
    const mine = await post(api, { post: 'author/late' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const edit = await patch(mine.comment.id, mine.editToken, { body: 'too late' });
    expect(edit.status).toBe(403);
    expect(edit.json.error.code).toBe('edit_window_closed');
    expect((await remove(mine.comment.id, mine.editToken)).json.error.code).toBe('edit_window_closed');
  });
});
