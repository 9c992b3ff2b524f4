/**
 * A reader's notification requests count against the client's write rate limit, over HTTP against
 * the local stack: past RATE_LIMIT_MAX a client gets 429 `rate_limited` with Retry-After, the
 * refused request sends no mail and leaves the table as it was, the refusal is the same whether
 * the address is known or not, and another client is not affected.
 */
import { sentMail, waitForMail, type StoredMail } from '../../infra/local/ses-local';
import { closeTableClients, scanTable } from '../../infra/local/inspect/table';
import { signToken } from '../../shared/domain/notifications/tokens';
import { emailHash, requestReplyNotifications } from '../../shared/notify/reply-notifications';
import { getSubscriber } from '../../shared/store/notification-subscribers';
import { getComment } from '../../shared/store/reads';
import { commentBody, expectStatus } from '../support/comments';
import type { TestResponse } from '../support/local-api';
import { startNotifyRig, type NotifyRig } from './support';

const MAX = 2;
let rig: NotifyRig;
beforeAll(async () => {
  // A window far longer than the test, so no request falls into a fresh one half-way.
  rig = await startNotifyRig({ env: { RATE_LIMIT_MAX: String(MAX), RATE_LIMIT_WINDOW_SECONDS: '1000000000' } });
});
afterAll(async () => {
  await rig?.close();
  closeTableClients();
});

const secret = () => process.env.PARLEY_SECRET ?? '';
const nowSeconds = () => Math.floor(Date.now() / 1000);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const to = (address: string) => (mail: StoredMail) => mail.destination.to.includes(address);
const mailsTo = async (address: string) => (await sentMail(rig.ses.url)).filter(to(address));
/** A fresh address per call: no test sees another's marker or subscription. */
let n = 0;
const address = (label: string) => `${label}-${++n}-${Date.now()}@example.net`;

const asJson = (path: string, email: string, from: string) =>
  rig.api.request('POST', path, { body: { email }, localAddress: from });
const asForm = (path: string, token: string, from: string) =>
  rig.api.request('POST', path, { body: new URLSearchParams({ token }).toString(), headers: FORM, localAddress: from });

/** Every item of the table, once the stream poller has caught up (it writes markers of its own). */
const tableNow = async (): Promise<string> => {
  await rig.poller.drain();
  const items = await scanTable(process.env.DYNAMODB_ENDPOINT ?? '', rig.api.tableName);
  return JSON.stringify(items.map((i) => JSON.stringify(i, Object.keys(i).sort())).sort());
};

/** The refusal comment writes answer: 429 `rate_limited`, JSON, with a Retry-After in seconds. */
const expectRateLimited = (response: TestResponse): void => {
  expectStatus(response, 429);
  expect(response.json.error.code).toBe('rate_limited');
  expect(String(response.headers['content-type'])).toContain('application/json');
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
};

/** A comment by `email`, posted from its own client so it charges none of the clients under test. */
const commentBy = async (email: string, from: string): Promise<string> => {
  const body = commentBody({ author: { name: 'Mo', email } });
  return expectStatus(await rig.api.request('POST', '/v1/comments', { body, localAddress: from }), 201).json.comment.id;
};

describe('POST /v1/notify/subscribe', () => {
  test('past the limit a client gets 429 with Retry-After, sends no mail and writes nothing; another client is not affected', async () => {
    const client = '127.0.0.11';
    const [first, second, refused] = [address('sub'), address('sub'), address('sub')];
    expectStatus(await asJson('/v1/notify/subscribe', first, client), 202);
    expectStatus(await asJson('/v1/notify/subscribe', second, client), 202);
    await waitForMail(rig.ses.url, (all) => all.some(to(second)));

    const before = await tableNow();
    expectRateLimited(await asJson('/v1/notify/subscribe', refused, client));
    expect(await tableNow()).toBe(before);
    expect(await mailsTo(refused)).toHaveLength(0);
    expect(await getSubscriber(emailHash(secret(), refused))).toBeUndefined();

    expectStatus(await asJson('/v1/notify/subscribe', refused, '127.0.0.12'), 202);
    expect(await mailsTo(refused)).toHaveLength(1);
  });

  test('the refusal does not depend on the address: known, confirmed and new addresses all get the 429', async () => {
    const client = '127.0.0.13';
    const known = address('known');
    const confirmed = address('confirmed');
    await requestReplyNotifications(confirmed, rig.deps);
    const token = signToken(secret(), 'confirm', { sub: emailHash(secret(), confirmed) }, 600, nowSeconds());
    expectStatus(await asForm('/v1/notify/confirm', token, '127.0.0.14'), 200);
    for (let i = 0; i < MAX; i++) expectStatus(await asJson('/v1/notify/subscribe', known, client), 202);

    const answers = [];
    for (const email of [known, confirmed, address('new')])
      answers.push(await asJson('/v1/notify/subscribe', email, client));
    for (const answer of answers) expectRateLimited(answer);
    expect(new Set(answers.map((a) => a.json.error.code))).toEqual(new Set(['rate_limited']));
  });

  test('it shares the window of comment writes: a client that used it up cannot post a comment either', async () => {
    const client = '127.0.0.15';
    for (let i = 0; i < MAX; i++) expectStatus(await asJson('/v1/notify/subscribe', address('share'), client), 202);
    const comment = await rig.api.request('POST', '/v1/comments', { body: commentBody(), localAddress: client });
    expectRateLimited(comment);
  });
});

describe('POST /v1/notify/my-data-link', () => {
  test('past the limit a client gets 429 for a known and an unknown address alike, sends no mail and writes nothing; another client gets its link', async () => {
    const client = '127.0.0.21';
    const reader = address('reader');
    await commentBy(reader, '127.0.0.22');
    for (let i = 0; i < MAX; i++) expectStatus(await asJson('/v1/notify/my-data-link', address('nobody'), client), 202);

    const before = await tableNow();
    expectRateLimited(await asJson('/v1/notify/my-data-link', reader, client));
    expectRateLimited(await asJson('/v1/notify/my-data-link', address('nobody'), client));
    expect(await tableNow()).toBe(before);
    expect(await mailsTo(reader)).toHaveLength(0);

    expectStatus(await asJson('/v1/notify/my-data-link', reader, '127.0.0.23'), 202);
    expect(await mailsTo(reader)).toHaveLength(1);
  });
});

describe('POST /v1/notify/confirm', () => {
  test('past the limit a client gets 429 and the address stays pending, even with a link to an unknown address; another client confirms it', async () => {
    const client = '127.0.0.31';
    const now = nowSeconds();
    const emails = [address('confirm'), address('confirm'), address('confirm')];
    for (const email of emails) await requestReplyNotifications(email, rig.deps);
    const tokens = emails.map((email) => signToken(secret(), 'confirm', { sub: emailHash(secret(), email) }, 600, now));
    expect(expectStatus(await asForm('/v1/notify/confirm', tokens[0]!, client), 200).text).toContain('Confirmed');
    expect(expectStatus(await asForm('/v1/notify/confirm', tokens[1]!, client), 200).text).toContain('Confirmed');

    const before = await tableNow();
    expectRateLimited(await asForm('/v1/notify/confirm', tokens[2]!, client));
    const unknown = signToken(secret(), 'confirm', { sub: emailHash(secret(), address('unknown')) }, 600, now);
    expectRateLimited(await asForm('/v1/notify/confirm', unknown, client));
    expect(await tableNow()).toBe(before);
    expect((await getSubscriber(emailHash(secret(), emails[2]!)))?.state).toBe('pending');

    expectStatus(await asForm('/v1/notify/confirm', tokens[2]!, '127.0.0.32'), 200);
    expect((await getSubscriber(emailHash(secret(), emails[2]!)))?.state).toBe('confirmed');
  });
});

describe('POST /v1/notify/my-data/download and /v1/notify/my-data/erase', () => {
  test('past the limit a client gets 429: no export, no audit entry, nothing erased; another client erases', async () => {
    const client = '127.0.0.41';
    const reader = address('mine');
    const ids = [await commentBy(reader, '127.0.0.42'), await commentBy(reader, '127.0.0.43')];
    const token = signToken(secret(), 'my-data', { sub: emailHash(secret(), reader) }, 600, nowSeconds());
    for (let i = 0; i < MAX; i++) {
      const data = expectStatus(await asForm('/v1/notify/my-data/download', token, client), 200).json;
      expect(data.comments).toHaveLength(2);
    }

    const before = await tableNow();
    expectRateLimited(await asForm('/v1/notify/my-data/download', token, client));
    expectRateLimited(await asForm('/v1/notify/my-data/erase', token, client));
    expect(await tableNow()).toBe(before);
    for (const id of ids) expect((await getComment(id))?.status).toBe('pending');

    const done = expectStatus(await asForm('/v1/notify/my-data/erase', token, '127.0.0.44'), 200);
    expect(done.text).toContain('Comments erased: 2.');
  });
});
