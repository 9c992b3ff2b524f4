/**
 * Injected store faults, at the wire between the handlers' SDK client and DynamoDB Local: throttling,
 * a transaction cancelled by a concurrent one, and a timeout after the write already committed.
 * Each must end in a 503 with Retry-After or a safe retry, never a half-written table, and a client
 * retry with the same Idempotency-Key must never create a second comment.
 */
import { keyedHash } from '../../shared/crypto';
import { startTestApi, type TestApi } from '../support/local-api';
import { newComment, POSTS, type CommentRequest } from '../support/reliability/bodies';
import { attachStoreProbe, taggedHandlers, type Fault, type StoreProbe } from '../../infra/local/inspect/store-probe';
import { checkInvariants, closeTableClients, comments, scanTable } from '../../infra/local/inspect/table';
import { findLeaks, Traffic, type Exchange } from '../support/reliability/traffic';

let api: TestApi;
let probe: StoreProbe;
let traffic: Traffic;
const endpoint = (): string => process.env.DYNAMODB_ENDPOINT ?? '';
const emails = new Set<string>();
const ips = new Set(['127.0.0.2', '127.0.0.21', '127.0.0.22', '127.0.0.23', '127.0.0.24']);

beforeAll(async () => {
  api = await startTestApi({ env: { MODERATION: 'post', RATE_LIMIT_MAX: '10000' }, handlers: taggedHandlers() });
  probe = attachStoreProbe();
  traffic = new Traffic(api.url);
});
afterEach(() => {
  probe.inject = undefined;
});
afterAll(async () => {
  await api.close();
  closeTableClients();
});

const send = (c: CommentRequest, localAddress?: string): Promise<Exchange> => {
  emails.add(c.email);
  return traffic.send('POST', '/v1/comments', { body: c.body, headers: { 'idempotency-key': c.key }, localAddress });
};
const table = () => scanTable(endpoint(), api.tableName);
const storedWith = async (mark: string) => comments(await table()).filter((c) => String(c.body).includes(mark));
const moderatorHeaders = async () => ({ authorization: `Bearer ${await api.moderatorToken()}` });

/** What a rejected request must leave alone: every item, byte for byte. */
const snapshot = async (): Promise<string> =>
  JSON.stringify((await table()).map((i) => JSON.stringify(i, Object.keys(i).sort())).sort());

const expectUnavailable = (e: Exchange): void => {
  expect({ status: e.status, code: e.json?.error?.code }).toEqual({ status: 503, code: 'unavailable' });
  expect(Number(e.headers['retry-after'])).toBeGreaterThanOrEqual(1);
};

const only =
  (operation: string, fault: Fault, when: (attempt: number) => boolean = () => true) =>
  (c: { operation: string; attempt: number }) =>
    c.operation === operation && when(c.attempt) ? fault : undefined;

test('a store that throttles every attempt of the write answers 503 with Retry-After and changes nothing; the same request retried later creates exactly one comment', async () => {
  const c = newComment();
  const before = await snapshot();
  probe.inject = only('TransactWriteItems', { kind: 'throttle' });
  expectUnavailable(await send(c));
  expect(await snapshot()).toBe(before);

  probe.inject = undefined;
  const first = await send(c);
  const again = await send(c);
  expect([first.status, again.status]).toEqual([201, 201]);
  expect(again.json.comment.id).toBe(first.json.comment.id);
  expect((await storedWith(c.mark)).map((s) => s.id)).toEqual([first.json.comment.id]);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('throttled reads (ThrottlingException on every Query) answer 503 with Retry-After, not 500', async () => {
  probe.inject = only('Query', { kind: 'throttle', type: 'ThrottlingException' });
  expectUnavailable(await traffic.send('GET', `/v1/comments?post=${encodeURIComponent(POSTS[0]!)}`));
  probe.inject = only('BatchGetItem', { kind: 'throttle', type: 'ThrottlingException' });
  expectUnavailable(await traffic.send('GET', `/v1/counts?post=${encodeURIComponent(POSTS[0]!)}`));
});

test('random throttling of a third of all store calls under concurrent writers: never a 500, and after client retries with their keys every comment is stored exactly once with exact counters', async () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  probe.inject = () =>
    random() < 0.33
      ? { kind: 'throttle', type: random() < 0.5 ? 'ThrottlingException' : 'ProvisionedThroughputExceededException' }
      : undefined;
  const requests = Array.from({ length: 48 }, (_, i) =>
    newComment({ post: POSTS[i % POSTS.length], email: `writer-${i % 5}@example.test` }),
  );
  const statuses: number[] = [];
  const ids = new Map<string, Set<string>>();
  const clients = [...ips].slice(1);
  await Promise.all(
    clients.map(async (ip, w) => {
      for (let i = w; i < requests.length; i += clients.length) {
        const c = requests[i]!;
        for (let attempt = 0; attempt < 8; attempt++) {
          const e = await send(c, ip);
          statuses.push(e.status);
          if (e.status === 201) {
            ids.set(c.key, (ids.get(c.key) ?? new Set()).add(e.json.comment.id));
            if (attempt === 0 && i % 3 === 0) continue; // a retry after a success must answer the same comment
            break;
          }
          expectUnavailable(e);
        }
        if (i % 4 === 0)
          statuses.push(
            (
              await traffic.send('GET', `/v1/comments?post=${encodeURIComponent(c.body.post as string)}`, {
                localAddress: ip,
              })
            ).status,
          );
      }
    }),
  );
  probe.inject = undefined;
  expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
  expect(statuses).toContain(503);
  for (const c of requests) {
    expect(ids.get(c.key)?.size).toBe(1);
    expect((await storedWith(c.mark)).map((s) => s.id)).toEqual([...ids.get(c.key)!]);
  }
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('a transaction cancelled once by a concurrent transaction is retried by the handler and the comment is stored once', async () => {
  let conflicts = 0;
  probe.inject = (c) =>
    c.operation === 'TransactWriteItems' && conflicts++ === 0 ? { kind: 'transaction-conflict' } : undefined;
  const c = newComment();
  const e = await send(c);
  expect(e.status).toBe(201);
  const calls = probe.callsOf(String(e.headers['apigw-requestid']));
  expect(calls.filter((call) => call.operation === 'TransactWriteItems').map((call) => call.error ?? 'ok')).toEqual([
    'TransactionCanceledException',
    'ok',
  ]);
  expect((await storedWith(c.mark)).map((s) => s.id)).toEqual([e.json.comment.id]);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('a transaction that keeps conflicting answers 503 with Retry-After and writes nothing; a retry with the same key later stores one comment', async () => {
  const c = newComment();
  const before = await snapshot();
  probe.inject = only('TransactWriteItems', { kind: 'transaction-conflict' });
  expectUnavailable(await send(c));
  expect(await snapshot()).toBe(before);
  probe.inject = undefined;
  const e = await send(c);
  expect(e.status).toBe(201);
  expect((await storedWith(c.mark)).map((s) => s.id)).toEqual([e.json.comment.id]);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('a moderation whose transaction keeps conflicting answers 503 and leaves status and counters untouched; repeated, it counts once', async () => {
  const c = newComment({ post: POSTS[3], elapsedMs: 10 }); // too fast: held as pending whatever the policy
  const created = await send(c);
  expect(created.json.comment.status).toBe('pending');
  const id = created.json.comment.id as string;
  const before = await snapshot();
  probe.inject = only('TransactWriteItems', { kind: 'transaction-conflict' });
  expectUnavailable(
    await traffic.send('POST', `/v1/admin/comments/${id}/approve`, { headers: await moderatorHeaders() }),
  );
  expect(await snapshot()).toBe(before);
  probe.inject = undefined;
  for (let i = 0; i < 2; i++)
    expect(
      (await traffic.send('POST', `/v1/admin/comments/${id}/approve`, { headers: await moderatorHeaders() })).status,
    ).toBe(200);
  expect((await storedWith(c.mark))[0]?.status).toBe('approved');
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('a timeout after the write committed, on the first attempt only, is retried safely by the SDK: 201 and the comment stored once', async () => {
  probe.inject = only('TransactWriteItems', { kind: 'timeout-after-commit' }, (attempt) => attempt === 1);
  const c = newComment();
  const e = await send(c);
  expect(e.status).toBe(201);
  const write = probe
    .callsOf(String(e.headers['apigw-requestid']))
    .find((call) => call.operation === 'TransactWriteItems');
  expect(write?.faults).toEqual(['timeout-after-commit']);
  expect((await storedWith(c.mark)).map((s) => s.id)).toEqual([e.json.comment.id]);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('a timeout after the write committed, on every attempt, answers 503; the write is whole, and the client retry with its Idempotency-Key answers the stored comment without a duplicate', async () => {
  probe.inject = only('TransactWriteItems', { kind: 'timeout-after-commit' });
  const c = newComment({ post: POSTS[2] });
  expectUnavailable(await send(c));
  probe.inject = undefined;
  const stored = await storedWith(c.mark);
  expect(stored).toHaveLength(1);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);

  const retry = await send(c);
  expect(retry.status).toBe(201);
  expect(retry.json.comment.id).toBe(stored[0]!.id);
  expect((await storedWith(c.mark)).map((s) => s.id)).toEqual([stored[0]!.id]);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('an approval whose answer times out after it committed answers 503; the approval is whole and repeating it counts once', async () => {
  const c = newComment({ post: POSTS[1], elapsedMs: 10 });
  const id = (await send(c)).json.comment.id as string;
  probe.inject = only('TransactWriteItems', { kind: 'timeout-after-commit' });
  expectUnavailable(
    await traffic.send('POST', `/v1/admin/comments/${id}/approve`, { headers: await moderatorHeaders() }),
  );
  probe.inject = undefined;
  expect((await storedWith(c.mark))[0]?.status).toBe('approved');
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
  expect(
    (await traffic.send('POST', `/v1/admin/comments/${id}/approve`, { headers: await moderatorHeaders() })).status,
  ).toBe(200);
  expect(await checkInvariants(endpoint(), api.tableName)).toEqual([]);
});

test('no public response of this file leaks an email, a client address, an IP hash, an edit token or the text of a held comment', async () => {
  const items = await table();
  const all = comments(items);
  const secret = process.env.PARLEY_SECRET ?? '';
  const leaks = findLeaks(traffic.publicExchanges(), {
    emails,
    ips,
    ipHashes: [...all.map((c) => String(c.ipHash)), ...[...ips].map((ip) => keyedHash(secret, 'ip', ip))],
    editTokenHashes: all.map((c) => String(c.editTokenHash)),
    hiddenMarkers: all
      .filter((c) => c.inThread !== true)
      .map((c) => /\((mk[0-9a-f]+x\d+)\)/.exec(String(c.body))?.[1] ?? '')
      .filter(Boolean),
  });
  expect(leaks).toEqual([]);
  expect(traffic.publicExchanges().length).toBeGreaterThan(50);
});
