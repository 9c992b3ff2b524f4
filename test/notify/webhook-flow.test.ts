/**
 * Webhooks end to end on real parts: the local API and table, the stream poller, the notifier, and
 * a receiver on 127.0.0.1 whose first answer is a 500. Comments posted and approved through the API
 * reach the receiver signed, once each, even when the stream delivers the records again.
 */
import { randomBytes } from 'node:crypto';
import { startStreamPoller } from '../../infra/local/stream-poller';
import { handleStreamEvent } from '../../shared/notify/notifier';
import { webhookSender } from '../../shared/notify/webhook-sender';
import { expectStatus, moderate, post } from '../support/comments';
import { startNotifyRig, type NotifyRig } from './support';
import { startReceiver, verify, type Received } from './webhook-receiver';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
let rig: NotifyRig;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver([500]);
  const webhook = webhookSender({ url: receiver.url, secret: async () => SECRET, backoffMs: 20, timeoutMs: 2000 });
  rig = await startNotifyRig({ webhook });
});
afterAll(async () => {
  await rig?.close();
  await receiver?.close();
});

const eventsFor = (id: string): Array<Received & { event: { type: string; data: { id: string; status: string } } }> =>
  receiver.received
    .map((r) => ({ ...r, event: JSON.parse(r.body) as { type: string; data: { id: string; status: string } } }))
    .filter((r) => r.event.data.id === id);

const waitFor = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the webhook');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

test('a posted then approved comment reaches the receiver as signed comment.pending and comment.approved, after a 500', async () => {
  const { id } = (
    await post(rig.api, { body: `Hook me ${Date.now()}`, author: { name: 'Hana', email: 'hana@example.org' } })
  ).comment;
  await waitFor(() => eventsFor(id).some((r) => r.event.type === 'comment.pending'));
  expectStatus(await moderate(rig.api, id), 200);
  await waitFor(() => eventsFor(id).some((r) => r.event.type === 'comment.approved'));

  const deliveries = eventsFor(id);
  // The receiver's injected 500 was answered by a retry of the same message.
  expect(deliveries.map((r) => r.event.type)).toEqual(['comment.pending', 'comment.pending', 'comment.approved']);
  expect(new Set(deliveries.slice(0, 2).map((r) => r.headers['webhook-id'])).size).toBe(1);
  expect(deliveries.every((r) => verify(SECRET, r))).toBe(true);
  expect(deliveries.map((r) => r.body).join('')).not.toContain('hana@example.org');

  // Replaying the whole stream calls the receiver for none of them again.
  const replay = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
    tableName: rig.api.tableName,
    handler: (event) => handleStreamEvent(event, rig.deps),
    startingPosition: 'TRIM_HORIZON',
  });
  try {
    await replay.drain();
  } finally {
    await replay.stop();
  }
  expect(eventsFor(id)).toHaveLength(3);
});
