import { commentBody, expectStatus, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
let auth: { authorization: string };
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
});
afterAll(() => api.close());

/** A pending comment as the moderator's queue shows it, version included. */
const seenInQueue = async (id: string) => {
  const queue = expectStatus(await api.request('GET', '/v1/admin/comments?status=pending', { headers: auth }), 200);
  const seen = (queue.json.comments as { id: string; version: number; body: string }[]).find((c) => c.id === id);
  if (!seen) throw new Error(`${id} is not in the queue`);
  return seen;
};

/** The author rewrites their pending comment after the moderator loaded the queue. */
const editedIntoSpam = async () => {
  const { comment, editToken } = await post(api);
  const seen = await seenInQueue(comment.id);
  const spam = 'Cheap pills at https://spam.example/buy now, now, now';
  expectStatus(
    await api.request('PATCH', `/v1/comments/${comment.id}`, {
      body: { body: spam },
      headers: { 'x-edit-token': editToken },
    }),
    200,
  );
  return { id: comment.id, seen, spam };
};

const leftTheQueue = async (id: string) => (await seenInQueue(id).catch(() => undefined)) === undefined;

describe('a verdict is given on the text the moderator saw', () => {
  test('the queue shows each comment version', async () => {
    const { comment } = await post(api);
    expect((await seenInQueue(comment.id)).version).toBe(1);
  });

  test('approve with the version seen before the author edited answers 409 with the new text, and publishes nothing', async () => {
    const { id, seen, spam } = await editedIntoSpam();
    const response = await api.request('POST', `/v1/admin/comments/${id}/approve`, {
      headers: auth,
      body: { version: seen.version },
    });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('conflict');
    expect(response.json.error.current).toMatchObject({ id, body: spam, version: seen.version + 1 });
    expect(response.json.error.current).not.toHaveProperty('editTokenHash');
    expect(await leftTheQueue(id)).toBe(false); // still pending
  });

  test('the same version in If-Match is refused the same way', async () => {
    const { id, seen } = await editedIntoSpam();
    const response = await api.request('POST', `/v1/admin/comments/${id}/reject`, {
      headers: { ...auth, 'if-match': `"${seen.version}"` },
    });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('conflict');
  });

  test('approve with the current version publishes it', async () => {
    const { id, seen } = await editedIntoSpam();
    const response = await api.request('POST', `/v1/admin/comments/${id}/approve`, {
      headers: { ...auth, 'if-match': `"${seen.version + 1}"` },
    });
    expect(expectStatus(response, 200).json.comment).toMatchObject({ status: 'approved', version: seen.version + 2 });
  });

  test('a body version and an If-Match that disagree are a 400 naming version', async () => {
    const { comment } = await post(api);
    const response = await api.request('POST', `/v1/admin/comments/${comment.id}/approve`, {
      headers: { ...auth, 'if-match': '"2"' },
      body: { version: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toHaveProperty('version');
  });

  test('bulk approve answers conflict for the edited comment and approves the untouched one', async () => {
    const edited = await editedIntoSpam();
    const { comment: untouched } = await post(api, commentBody());
    const seenUntouched = await seenInQueue(untouched.id);
    const response = await api.request('POST', '/v1/admin/moderation', {
      headers: auth,
      body: {
        action: 'approve',
        ids: [edited.id, untouched.id],
        versions: { [edited.id]: edited.seen.version, [untouched.id]: seenUntouched.version },
      },
    });
    expect(expectStatus(response, 200).json.results).toEqual({ [edited.id]: 'conflict', [untouched.id]: 'ok' });
    expect(await leftTheQueue(edited.id)).toBe(false);
    expect(await leftTheQueue(untouched.id)).toBe(true);
  });
});
