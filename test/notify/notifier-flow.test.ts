import { sentMail, waitForMail, type StoredMail } from '../../infra/local/ses-local';
import { startStreamPoller } from '../../infra/local/stream-poller';
import { clientRate } from '../../shared/notify/client-rate';
import { handleStreamEvent } from '../../shared/notify/notifier';
import { confirmReplyNotifications, emailHash } from '../../shared/notify/reply-notifications';
import { handleSesEvents } from '../../shared/notify/ses-events';
import { getSubscriber } from '../../shared/store/notification-subscribers';
import { expectStatus, moderate, post } from '../support/comments';
import { startNotifyRig, type NotifyRig } from './support';

let rig: NotifyRig;
beforeAll(async () => {
  rig = await startNotifyRig();
});
afterAll(() => rig?.close());

const to = (address: string) => (mail: StoredMail) => mail.destination.to.includes(address);
const mentioning = (text: string) => (mail: StoredMail) => (mail.body.text ?? '').includes(text);
const linkIn = (mail: StoredMail, path: string): string => {
  const match = new RegExp(`${rig.api.url}${path}\\?token=([^\\s]+)`).exec(mail.body.text ?? '');
  if (!match?.[1]) throw new Error(`no ${path} link in the mail`);
  return decodeURIComponent(match[1]);
};

test('a pending comment mails the moderator a digest within 10 s, without the author address or IP hash', async () => {
  const text = `Digest me ${Date.now()}`;
  await post(rig.api, { body: text, author: { name: 'Terri', email: 'terri@example.org' } });
  const mails = await waitForMail(
    rig.ses.url,
    (all) => all.some((m) => to('alice@moderators.example')(m) && mentioning(text)(m)),
    10_000,
  );
  const digest = mails.find(mentioning(text)) as StoredMail;
  expect(digest.body.text).toContain('Terri');
  expect(`${digest.body.text}${digest.body.html}${digest.subject}`).not.toContain('terri@example.org');
  expect(digest.body.text).toContain('/v1/notify/action?token=');
});

test('stream records delivered again (a second poller from the stream start) send no second mail', async () => {
  const text = `Only once ${Date.now()}`;
  await post(rig.api, { body: text });
  await waitForMail(rig.ses.url, (all) => all.some(mentioning(text)));
  const replay = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
    tableName: rig.api.tableName,
    handler: (event) => handleStreamEvent(event, rig.deps),
    startingPosition: 'TRIM_HORIZON',
  });
  try {
    await replay.drain();
    await rig.poller.drain();
  } finally {
    await replay.stop();
  }
  expect((await sentMail(rig.ses.url)).filter(mentioning(text))).toHaveLength(1);
});

describe('reply notifications', () => {
  const reader = 'reader@example.net';
  let parentId: string;

  beforeAll(async () => {
    parentId = (await post(rig.api, { notifyReplies: true, author: { name: 'Rae', email: reader } })).comment.id;
    expectStatus(await moderate(rig.api, parentId), 200);
  });

  test('send nothing but one confirmation mail until the reader confirms', async () => {
    const mails = await waitForMail(rig.ses.url, (all) => all.some(to(reader)));
    expect(mails.filter(to(reader))).toHaveLength(1);
    expect(mails.find(to(reader))?.subject).toContain('Confirm');
    const reply = (await post(rig.api, { parentId, body: `Early reply ${Date.now()}` })).comment.id;
    expectStatus(await moderate(rig.api, reply), 200);
    await rig.poller.drain();
    expect((await sentMail(rig.ses.url)).filter(to(reader))).toHaveLength(1);
  });

  test('after confirmation, an approved reply by someone else mails its text with RFC 8058 headers', async () => {
    const confirmation = (await sentMail(rig.ses.url)).find(to(reader)) as StoredMail;
    const client = await clientRate(rig.deps, '192.0.2.78');
    expect(await confirmReplyNotifications(linkIn(confirmation, '/v1/notify/confirm'), rig.deps, client)).toBe('done');

    const ownText = `My own follow-up ${Date.now()}`;
    const own = (await post(rig.api, { parentId, body: ownText, author: { name: 'Rae', email: reader } })).comment.id;
    expectStatus(await moderate(rig.api, own), 200);
    const pendingText = `Still pending ${Date.now()}`;
    await post(rig.api, { parentId, body: pendingText });
    const text = `A real reply ${Date.now()}`;
    const reply = (await post(rig.api, { parentId, body: text })).comment.id;
    expectStatus(await moderate(rig.api, reply), 200);

    const mails = await waitForMail(rig.ses.url, (all) => all.some((m) => to(reader)(m) && mentioning(text)(m)));
    const mail = mails.find((m) => to(reader)(m) && mentioning(text)(m)) as StoredMail;
    const headers = Object.fromEntries((mail.headers ?? []).map((h) => [h.name, h.value]));
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/.+\/v1\/notify\/unsubscribe\?token=.+>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.body.text).toContain(`#comment-${reply}`);
    await rig.poller.drain();
    const toReader = (await sentMail(rig.ses.url)).filter(to(reader));
    expect(toReader.filter((m) => mentioning(ownText)(m) || mentioning(pendingText)(m))).toHaveLength(0);
  });

  test('an injected permanent bounce stops the address, and later replies send nothing', async () => {
    const message = {
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: reader }] },
    };
    expect(await handleSesEvents({ Records: [{ Sns: { Message: JSON.stringify(message) } }] }, rig.deps)).toEqual({
      stopped: 1,
    });
    const subscriber = await getSubscriber(emailHash(process.env.PARLEY_SECRET ?? '', reader));
    expect(subscriber).toMatchObject({ state: 'stopped', stoppedReason: 'bounce:Permanent' });

    const before = (await sentMail(rig.ses.url)).filter(to(reader)).length;
    const reply = (await post(rig.api, { parentId, body: `After the bounce ${Date.now()}` })).comment.id;
    expectStatus(await moderate(rig.api, reply), 200);
    await rig.poller.drain();
    await rig.poller.drain();
    expect((await sentMail(rig.ses.url)).filter(to(reader))).toHaveLength(before);
  });
});
