import { sentMail, waitForMail, type StoredMail } from '../../infra/local/ses-local';
import { signToken } from '../../shared/domain/notifications/tokens';
import { performModeratorAction, previewModeratorAction } from '../../shared/notify/moderator-actions';
import { emailHash, requestReplyNotifications, unsubscribe } from '../../shared/notify/reply-notifications';
import { takeConfirmationBudget } from '../../shared/store/notification-budget';
import { getSubscriber } from '../../shared/store/notification-subscribers';
import { getComment } from '../../shared/store/reads';
import { expectStatus, post } from '../support/comments';
import { startNotifyRig, type NotifyRig } from './support';

let rig: NotifyRig;
beforeAll(async () => {
  rig = await startNotifyRig();
});
afterAll(() => rig?.close());

const secret = () => process.env.PARLEY_SECRET ?? '';
const tokenIn = (mail: StoredMail, action: string): string => {
  const match = new RegExp(`${action}: \\S+\\?token=(\\S+)`, 'i').exec(mail.body.text ?? '');
  if (!match?.[1]) throw new Error(`no ${action} link`);
  return decodeURIComponent(match[1]);
};

test('an action link only previews on GET; its POST approves once, audited as the moderator via email', async () => {
  const text = `Approve me by mail ${Date.now()}`;
  const { id } = (await post(rig.api, { body: text })).comment;
  const mails = await waitForMail(rig.ses.url, (all) => all.some((m) => (m.body.text ?? '').includes(text)));
  const token = tokenIn(mails.find((m) => (m.body.text ?? '').includes(text)) as StoredMail, 'Approve');

  expect(await previewModeratorAction(token, rig.deps)).toMatchObject({ ok: true, action: 'approve', comment: { id } });
  expect((await getComment(id))?.status).toBe('pending');

  expect(await performModeratorAction(token, rig.deps)).toMatchObject({ ok: true, comment: { status: 'approved' } });
  expect(await performModeratorAction(token, rig.deps)).toEqual({ ok: false, reason: 'used' });
  const auth = { authorization: `Bearer ${await rig.api.moderatorToken()}` };
  const audit = expectStatus(await rig.api.request('GET', '/v1/admin/audit?limit=100', { headers: auth }), 200).json;
  expect(audit.entries).toContainEqual(
    expect.objectContaining({ commentId: id, action: 'approve', byName: 'alice (via email)' }),
  );
});

test('an action link past its 7 days, or tampered with, does nothing', async () => {
  const { id } = (await post(rig.api, {})).comment;
  const eightDaysAgo = Math.floor(Date.now() / 1000) - 8 * 86400;
  const old = signToken(
    secret(),
    'moderator-action',
    { sub: id, by: 'alice', action: 'approve' },
    7 * 86400,
    eightDaysAgo,
  );
  expect(await performModeratorAction(old, rig.deps)).toEqual({ ok: false, reason: 'expired' });
  expect(await performModeratorAction(`${old}x`, rig.deps)).toEqual({ ok: false, reason: 'invalid' });
  expect((await getComment(id))?.status).toBe('pending');
});

test('the confirmation budget refuses past its hourly limit, whatever the address', async () => {
  const hour = new Date('2099-01-01T10:00:00Z');
  const limits = { perHour: 2, perDay: 10 };
  expect(await takeConfirmationBudget(hour, limits)).toBe(true);
  expect(await takeConfirmationBudget(hour, limits)).toBe(true);
  expect(await takeConfirmationBudget(hour, limits)).toBe(false);
  expect(await takeConfirmationBudget(new Date('2099-01-01T11:00:00Z'), limits)).toBe(true);
});

test('a confirmation request over budget sends no mail', async () => {
  const deps = { ...rig.deps, settings: { ...rig.deps.settings, notifyConfirmPerHour: 0 } };
  const address = `over-budget-${Date.now()}@example.net`;
  expect(await requestReplyNotifications(address, deps)).toBe('over-budget');
  await rig.poller.drain();
  expect((await sentMail(rig.ses.url)).filter((m) => m.destination.to.includes(address))).toHaveLength(0);
});

test('a second confirmation request for the same address sends no second mail', async () => {
  const address = `twice-${Date.now()}@example.net`;
  expect(await requestReplyNotifications(address, rig.deps)).toBe('sent');
  expect(await requestReplyNotifications(address, rig.deps)).toBe('already-sent');
  expect((await sentMail(rig.ses.url)).filter((m) => m.destination.to.includes(address))).toHaveLength(1);
});

test('the one-click unsubscribe token stops the address with the reason recorded', async () => {
  const address = `leaving-${Date.now()}@example.net`;
  await requestReplyNotifications(address, rig.deps);
  const hash = emailHash(secret(), address);
  const token = signToken(secret(), 'unsubscribe', { sub: hash }, 3600, Math.floor(Date.now() / 1000));
  expect(await unsubscribe(token, rig.deps)).toBe('done');
  expect(await getSubscriber(hash)).toMatchObject({ state: 'stopped', stoppedReason: 'unsubscribed' });
  expect(await requestReplyNotifications(address, rig.deps)).toBe('stopped');
});
