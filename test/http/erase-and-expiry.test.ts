/**
 * What a comment leaves behind: nothing once erased (docs/api.md, DELETE /v1/admin/comments/{id}),
 * and nothing for long when nobody ever approves it (pending and spam comments expire).
 */
import { startLocalHeldExpiry } from '../../infra/local/held-expiry-local';
import { checkInvariants, closeTableClients, scanTable } from '../../infra/local/inspect/table';
import { STORED_TEXT_MAX_BYTES } from '../../shared/domain/stored-size';
import { expectStatus, moderate, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';

let api: TestApi;
let auth: { authorization: string };
const endpoint = () => process.env.DYNAMODB_ENDPOINT!;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
});
afterAll(async () => {
  await api.close();
  closeTableClients();
});

const items = () => scanTable(endpoint(), api.tableName);
const blog = () => api.url.replace('127.0.0.1', 'localhost');

test('erasing a comment empties its idempotency record and removes its duplicate marker, empty author record and the post name it gave', async () => {
  const target = 'erase/traces';
  const created = await post(
    api,
    {
      post: target,
      author: { name: 'Eve', email: 'eve-erased@example.org' },
      title: 'Eve names it',
      url: `${blog()}/eve`,
    },
    { 'idempotency-key': 'erase-traces-key-1' },
  );
  expectStatus(await moderate(api, created.comment.id), 200);
  const before = await items();
  expect(before.filter((i) => /^(IDEMPOTENCY|RECENT|AUTHOR)#/.test(String(i.pk)))).toHaveLength(3);
  expect(before.find((i) => i.pk === `POST#${target}`)).toMatchObject({ title: 'Eve names it' });

  expectStatus(await api.request('DELETE', `/v1/admin/comments/${created.comment.id}`, { headers: auth }), 204);
  const after = await items();
  expect(after.filter((i) => /^(RECENT|AUTHOR)#/.test(String(i.pk))).map((i) => i.pk)).toEqual([]);
  // The key still answers (404), but its record holds nothing of the request and links to no comment.
  const keyRecords = after.filter((i) => String(i.pk).startsWith('IDEMPOTENCY#'));
  expect(keyRecords.map((i) => Object.keys(i).sort())).toEqual([['erased', 'expiresAt', 'pk', 'sk']]);
  const postItem = after.find((i) => i.pk === `POST#${target}`)!;
  expect([postItem.title, postItem.postUrl, postItem.total]).toEqual([undefined, undefined, 0]);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test("the idempotency record's request hash is keyed with the deployment secret, not a plain SHA-256 of the input", async () => {
  const { createHash } = await import('node:crypto');
  const body = { post: 'erase/keyed', author: { name: 'Kim' }, body: 'A guessable sentence.', elapsedMs: 60000 };
  expectStatus(
    await api.request('POST', '/v1/comments', { body, headers: { 'idempotency-key': 'keyed-hash-key-1' } }),
    201,
  );
  const canonical = JSON.stringify({
    author: { name: 'Kim' },
    body: body.body,
    elapsedMs: 60000,
    post: body.post,
  });
  const record = (await items()).find((i) => String(i.pk).startsWith('IDEMPOTENCY#') && i.requestHash);
  expect(record?.requestHash).not.toBe(createHash('sha256').update(canonical).digest('hex'));
  expect(record?.requestHash).not.toBe(createHash('sha256').update(canonical).digest('base64url'));
});

test('a comment nobody approves expires after the retention period; approving it removes the expiry; expiry moves no approved counter and takes it off the held count', async () => {
  const target = 'expiry/pending';
  const now = Date.now() / 1000;
  const held = await post(api, { post: target });
  const kept = await post(api, { post: target });
  const stored = async (id: string) => (await items()).find((i) => i.pk === `COMMENT#${id}`)!;
  const expiresAt = Number((await stored(held.comment.id)).expiresAt);
  expect(expiresAt).toBeGreaterThan(now + 90 * 86400 - 60);
  expect(expiresAt).toBeLessThan(now + 90 * 86400 + 60);

  expectStatus(await moderate(api, kept.comment.id), 200);
  expect((await stored(kept.comment.id)).expiresAt).toBeUndefined();
  expectStatus(await moderate(api, kept.comment.id, 'spam'), 200);
  expect((await stored(kept.comment.id)).expiresAt).toBeUndefined();

  // What DynamoDB's TTL does when the time comes (the local sweeper stands in for it): delete the
  // item; the held-count keeper, on the stream, takes it off its post's count.
  const keeper = await startLocalHeldExpiry({
    endpoint: endpoint(),
    tableName: api.tableName,
    sweepEveryMs: 0,
    log: () => {},
  });
  try {
    await keeper.sweeper.sweep(Math.ceil(expiresAt) + 1);
    await keeper.poller.drain();
  } finally {
    await keeper.stop();
  }
  expect(await stored(held.comment.id)).toBeUndefined();
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('a body whose stored form would exceed the byte cap is refused with 400 and changes nothing', async () => {
  const before = await tableSnapshot(api.tableName);
  const response = await api.request('POST', '/v1/comments', {
    body: { post: 'size/amp', author: { name: 'Amp' }, body: '&'.repeat(10000), elapsedMs: 60000 },
  });
  expect(response.status).toBe(400);
  expect(response.json.error.fields.body).toContain(`at most ${STORED_TEXT_MAX_BYTES}`);
  expect(await tableSnapshot(api.tableName)).toEqual(before);
});
