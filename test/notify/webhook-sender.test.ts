/**
 * The webhook sender against a real HTTP receiver on 127.0.0.1 that injects the faults itself
 * (500s, a refusal, a hang). Signatures are checked the way a receiver would, from the spec
 * (HMAC-SHA256 of `id.timestamp.body` under the base64 key after `whsec_`), not with Parley's signer.
 */
import { randomBytes } from 'node:crypto';
import type { CommentRecord } from '../../shared/domain/comment';
import { webhookSender, WebhookError, type WebhookFormat } from '../../shared/notify/webhook-sender';
import { startReceiver, verify } from './webhook-receiver';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

const comment = (overrides: Partial<CommentRecord> = {}): CommentRecord =>
  ({
    id: '01JCOMMENT',
    post: '/2026/12/hello/',
    parentId: null,
    depth: 0,
    path: '01JCOMMENT',
    status: 'pending',
    authorName: 'Ada',
    authorEmail: 'ada@example.org',
    authorWebsite: 'https://ada.example.org',
    avatar: 'avatarhash',
    authorKey: 'authorkey',
    body: 'Hello',
    html: '<p>Hello</p>',
    ipHash: 'iphash',
    userAgent: 'Firefox',
    createdAt: '2026-12-04T20:00:00.000Z',
    editedAt: null,
    editableUntil: '2026-12-04T20:15:00.000Z',
    editTokenHash: 'tokenhash',
    notifyReplies: true,
    spamScore: 0.5,
    spamReasons: ['links'],
    moderation: [],
    version: 3,
    inThread: false,
    ...overrides,
  }) as CommentRecord;

const sender = (url: string, format: WebhookFormat = 'standard', sleeps: number[] = []) =>
  webhookSender({
    url,
    format,
    secret: async () => SECRET,
    siteUrl: 'https://blog.example.org/',
    timeoutMs: 300,
    backoffMs: 10,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

test('a delivered event carries a Standard Webhooks signature that verifies with the secret', async () => {
  receiver = await startReceiver([200]);
  const result = await sender(receiver.url).send('comment.pending', comment());
  expect(result).toEqual({ outcome: 'delivered', status: 200 });
  expect(receiver.received).toHaveLength(1);
  const [delivery] = receiver.received;
  expect(verify(SECRET, delivery!)).toBe(true);
  expect(verify(`whsec_${randomBytes(32).toString('base64')}`, delivery!)).toBe(false);
  expect(delivery!.headers['webhook-id']).toBe('msg_01JCOMMENT_pending_3');
  expect(Number(delivery!.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
});

test('the event body holds only the public fields and the status, never an address, hash or spam signal', async () => {
  receiver = await startReceiver([200]);
  await sender(receiver.url).send('comment.approved', comment({ status: 'approved', parentId: '01JPARENT' }));
  const event = JSON.parse(receiver.received[0]!.body) as Record<string, unknown>;
  expect(event).toEqual({
    type: 'comment.approved',
    timestamp: expect.any(String),
    data: {
      id: '01JCOMMENT',
      post: '/2026/12/hello/',
      parentId: '01JPARENT',
      author: { name: 'Ada', website: 'https://ada.example.org' },
      html: '<p>Hello</p>',
      createdAt: '2026-12-04T20:00:00.000Z',
      status: 'approved',
    },
  });
  for (const secretish of ['ada@example.org', 'iphash', 'avatarhash', 'authorkey', 'tokenhash', 'Firefox'])
    expect(receiver.received[0]!.body).not.toContain(secretish);
});

test('after a 500 the sender retries with backoff and the same webhook-id, each attempt validly signed', async () => {
  receiver = await startReceiver([500, 503, 200]);
  const sleeps: number[] = [];
  const result = await sender(receiver.url, 'standard', sleeps).send('comment.pending', comment());
  expect(result.outcome).toBe('delivered');
  expect(receiver.received).toHaveLength(3);
  expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set(['msg_01JCOMMENT_pending_3']));
  expect(receiver.received.every((r) => verify(SECRET, r))).toBe(true);
  expect(sleeps).toEqual([10, 40]);
});

test('when every attempt fails the error goes up, so the stream retries the record', async () => {
  receiver = await startReceiver([500, 500, 500]);
  await expect(sender(receiver.url).send('comment.pending', comment())).rejects.toThrow(WebhookError);
  expect(receiver.received).toHaveLength(3);
});

test('a receiver that hangs is cut off by the timeout and tried again', async () => {
  receiver = await startReceiver(['hang', 200]);
  const result = await sender(receiver.url).send('comment.pending', comment());
  expect(result.outcome).toBe('delivered');
  expect(receiver.received).toHaveLength(2);
});

test('a 4xx refusal is not retried: the receiver rejected the event itself', async () => {
  receiver = await startReceiver([410]);
  const result = await sender(receiver.url).send('comment.pending', comment());
  expect(result).toEqual({ outcome: 'refused', status: 410 });
  expect(receiver.received).toHaveLength(1);
});

test('the slack and discord formats post their own JSON shape with a link to the comment', async () => {
  receiver = await startReceiver([200, 200]);
  await sender(receiver.url, 'slack').send('comment.pending', comment());
  await sender(receiver.url, 'discord').send('comment.approved', comment({ authorName: '@everyone' }));
  expect(JSON.parse(receiver.received[0]!.body)).toEqual({
    text: 'New comment by Ada awaits moderation: https://blog.example.org/2026/12/hello/#comment-01JCOMMENT',
  });
  expect(JSON.parse(receiver.received[1]!.body)).toEqual({
    content: 'Comment by @everyone approved: https://blog.example.org/2026/12/hello/#comment-01JCOMMENT',
    allowed_mentions: { parse: [] },
  });
  expect(receiver.received.every((r) => verify(SECRET, r))).toBe(true);
});
