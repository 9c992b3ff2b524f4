/**
 * Caps on comments held for moderation (pending or spam, never approved): a post holds at most
 * HELD_MAX_PER_POST at a time, the site takes at most about HELD_MAX_PER_DAY a day. A refused
 * comment is a 429 `queue_full` with Retry-After and changes nothing; the post's held count stays
 * exact through moderation, erasure and TTL expiry (the local TTL sweeper and stream poller run
 * the deployed handler on TTL-shaped records), and a redelivered expiry counts once.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { startLocalHeldExpiry, type LocalHeldExpiry } from '../../infra/local/held-expiry-local';
import { checkInvariants, scanTable } from '../../infra/local/inspect/table';
import { handleHeldExpiryEvent } from '../../shared/usecases/held-expiry';
import { commentBody, expectStatus, moderate } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

const endpoint = (): string => process.env.DYNAMODB_ENDPOINT!;
const heldOf = async (api: TestApi, post: string): Promise<number> =>
  Number((await scanTable(endpoint(), api.tableName)).find((i) => i.pk === `POST#${post}`)?.held ?? 0);
const commentCount = async (api: TestApi): Promise<number> =>
  (await scanTable(endpoint(), api.tableName)).filter((i) => i.type === 'comment').length;
const send = (api: TestApi, post: string, client: string) =>
  api.request('POST', '/v1/comments', { body: commentBody({ post }), localAddress: client });

describe('the per-post cap', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      env: { MODERATION: 'pre', HELD_MAX_PER_POST: '3', HELD_MAX_PER_DAY: '100000', RATE_LIMIT_MAX: '100000' },
    });
  });
  afterAll(() => api.close());

  test('a post holding its cap refuses the next comment with 429 queue_full, stores nothing, and takes one again once a moderator clears one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(expectStatus(await send(api, 'capped/post', `127.0.0.${10 + i}`), 201).json.comment.id);
    expect(await heldOf(api, 'capped/post')).toBe(3);
    const before = await commentCount(api);

    const refused = await send(api, 'capped/post', '127.0.0.20');
    expect([refused.status, refused.json.error.code]).toEqual([429, 'queue_full']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await commentCount(api)).toBe(before);
    expect(await heldOf(api, 'capped/post')).toBe(3);
    // Another post is not affected.
    expectStatus(await send(api, 'capped/other', '127.0.0.20'), 201);

    expectStatus(await moderate(api, ids[0]!, 'approve'), 200);
    expectStatus(await moderate(api, ids[1]!, 'reject'), 200);
    expect(await heldOf(api, 'capped/post')).toBe(1);
    expectStatus(await send(api, 'capped/post', '127.0.0.21'), 201);
    expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
  });

  test('erasing a held comment takes it off the count', async () => {
    const id = expectStatus(await send(api, 'capped/erase', '127.0.0.30'), 201).json.comment.id as string;
    expect(await heldOf(api, 'capped/erase')).toBe(1);
    const token = await api.moderatorToken();
    expectStatus(
      await api.request('DELETE', `/v1/admin/comments/${id}`, { headers: { authorization: `Bearer ${token}` } }),
      204,
    );
    expect(await heldOf(api, 'capped/erase')).toBe(0);
    expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
  });
});

describe('comments published at once', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { MODERATION: 'post', HELD_MAX_PER_POST: '1', RATE_LIMIT_MAX: '100000' } });
  });
  afterAll(() => api.close());

  test('are never held, so no cap refuses them', async () => {
    for (let i = 0; i < 3; i++) expectStatus(await send(api, 'open/post', `127.0.1.${i}`), 201);
    expect(await heldOf(api, 'open/post')).toBe(0);
  });
});

describe('the site cap for the day', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      env: { MODERATION: 'pre', HELD_MAX_PER_POST: '1000', HELD_MAX_PER_DAY: '8', RATE_LIMIT_MAX: '100000' },
    });
  });
  afterAll(() => api.close());

  test('at most the day cap of held comments arrive across posts; the refusal says to wait for the next UTC day', async () => {
    let accepted = 0;
    let refusal: Awaited<ReturnType<typeof send>> | undefined;
    // Eight shards of one each: the ninth arrival at the latest finds its shard full.
    for (let i = 0; i < 9 && !refusal; i++) {
      const answer = await send(api, `site/post-${i}`, `127.0.2.${i}`);
      if (answer.status === 201) accepted++;
      else refusal = answer;
    }
    expect(accepted).toBeLessThanOrEqual(8);
    expect([refusal?.status, refusal?.json.error.code]).toEqual([429, 'queue_full']);
    const retryAfter = Number(refusal?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await commentCount(api)).toBe(accepted);
  });
});

describe('TTL expiry', () => {
  let api: TestApi;
  let keeper: LocalHeldExpiry;
  const seen: DynamoDBStreamEvent[] = [];
  beforeAll(async () => {
    api = await startTestApi({ env: { MODERATION: 'pre', HELD_MAX_PER_POST: '2', RATE_LIMIT_MAX: '100000' } });
    keeper = await startLocalHeldExpiry({
      endpoint: endpoint(),
      tableName: api.tableName,
      sweepEveryMs: 0,
      log: () => {},
    });
  });
  afterAll(async () => {
    await keeper.stop();
    await api.close();
  });

  test('a held comment TTL deletes leaves its post able to take another, and a redelivered deletion counts once', async () => {
    expectStatus(await send(api, 'ttl/post', '127.0.3.1'), 201);
    expectStatus(await send(api, 'ttl/post', '127.0.3.2'), 201);
    expect((await send(api, 'ttl/post', '127.0.3.3')).status).toBe(429);

    // Ninety-one days on: TTL deletes both (and the short-lived markers) as DynamoDB would.
    const swept = await keeper.sweeper.sweep(Math.floor(Date.now() / 1000) + 91 * 86_400);
    expect(swept).toBeGreaterThanOrEqual(2);
    await keeper.poller.drain();
    expect(await heldOf(api, 'ttl/post')).toBe(0);
    expect(await commentCount(api)).toBe(0);

    // The same deletions delivered again (a retried batch) move nothing.
    const removals = [...keeper.sweeper.deleted].filter((pk) => pk.startsWith('COMMENT#'));
    expect(removals).toHaveLength(2);
    const again: DynamoDBStreamEvent = {
      Records: removals.map((pk, i) => ({
        eventID: `again-${i}`,
        eventName: 'REMOVE',
        userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
        dynamodb: {
          Keys: { pk: { S: pk }, sk: { S: 'COMMENT' } },
          OldImage: {
            pk: { S: pk },
            type: { S: 'comment' },
            id: { S: pk.slice('COMMENT#'.length) },
            post: { S: 'ttl/post' },
            status: { S: 'pending' },
            expiresAt: { N: '1' },
          },
          SequenceNumber: String(i),
        },
      })),
    };
    seen.push(again);
    expect(await handleHeldExpiryEvent(again, () => {})).toEqual({ batchItemFailures: [] });
    expect(await heldOf(api, 'ttl/post')).toBe(0);
    expectStatus(await send(api, 'ttl/post', '127.0.3.4'), 201);
    expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
  });

  test('a deletion that is not TTL (an erasure) is not counted again by the keeper', async () => {
    const record = seen[0]!.Records[0]!;
    const { userIdentity: _ignored, ...byRequest } = record;
    // A comment id never counted before, so only the filter stands between it and the count.
    const image = { ...record.dynamodb!.OldImage!, pk: { S: 'COMMENT#NOTTTL' }, id: { S: 'NOTTTL' } };
    const before = await heldOf(api, 'ttl/post');
    await handleHeldExpiryEvent(
      { Records: [{ ...byRequest, eventID: 'by-request', dynamodb: { ...record.dynamodb, OldImage: image } }] },
      () => {},
    );
    expect(await heldOf(api, 'ttl/post')).toBe(before);
    await handleHeldExpiryEvent(
      { Records: [{ ...record, eventID: 'as-ttl', dynamodb: { ...record.dynamodb, OldImage: image } }] },
      () => {},
    );
    expect(await heldOf(api, 'ttl/post')).toBe(before - 1);
  });
});
