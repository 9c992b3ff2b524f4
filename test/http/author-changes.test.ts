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

  test('a missing or wrong edit token answers 401 and changes nothing', async () => {
    const mine = await post(api, { post: 'author/tokens' });
    const before = await tableSnapshot(api.tableName);
    for (const token of [undefined, 'wrong', `${mine.editToken}x`]) {
      const edit = await patch(mine.comment.id, token, { body: 'hijacked' });
      expect(edit.status).toBe(401);
      expect(edit.json.error.code).toBe('unauthorized');
      expect((await remove(mine.comment.id, token)).status).toBe(401);
    }
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });

  test('an unknown id answers 404, a malformed one too', async () => {
    expect((await patch('01JD3ZZZZZZZZZZZZZZZZZZZZZ', 'x', { body: 'x' })).status).toBe(404);
    expect((await remove('not-an-id', 'x')).status).toBe(404);
  });

  test.each(['reject', 'spam'] as const)(
    'a comment a moderator marked %s can no longer be changed by its author (403 forbidden)',
    async (action) => {
      const mine = await post(api, { post: `author/${action}` });
      expectStatus(await moderate(api, mine.comment.id, action), 200);
      const edit = await patch(mine.comment.id, mine.editToken, { body: 'let me in' });
      expect(edit.status).toBe(403);
      expect(edit.json.error.code).toBe('forbidden');
      expect((await remove(mine.comment.id, mine.editToken)).json.error.code).toBe('forbidden');
    },
  );

  test('deleting answers 204, removes the text, and the comment cannot be changed again', async () => {
    const mine = await post(api, { post: 'author/delete', body: 'words to withdraw' });
    expect((await remove(mine.comment.id, mine.editToken)).status).toBe(204);
    expect((await remove(mine.comment.id, mine.editToken)).status).toBe(403);
    const snapshot = (await tableSnapshot(api.tableName)).join('\n');
    expect(snapshot).not.toContain('words to withdraw');
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
