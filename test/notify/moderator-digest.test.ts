import { sentMail } from '../../infra/local/ses-local';
import type { CommentRecord } from '../../shared/domain/comment';
import { flushDigests, queueForModerators } from '../../shared/notify/moderator-digest';
import type { NotifierDeps } from '../../shared/notify/notifier-deps';
import { listModeratorDirectory } from '../../shared/notify/moderator-directory';
import { setModeratorMailMode } from '../../shared/store/notification-digest';
import { getComment } from '../../shared/store/reads';
import { post } from '../support/comments';
import { startNotifyRig, type NotifyRig } from './support';

let rig: NotifyRig;
let clock = Date.now();
let deps: NotifierDeps;
beforeAll(async () => {
  rig = await startNotifyRig();
  deps = {
    ...rig.deps,
    moderators: listModeratorDirectory('carol=carol@moderators.example,dan=dan@moderators.example'),
    settings: { ...rig.deps.settings, notifyDigestSeconds: 600 },
    now: () => new Date(clock),
  };
  await setModeratorMailMode('dan', 'off', new Date().toISOString());
});
afterAll(() => rig?.close());

const pendingComment = async (text: string): Promise<CommentRecord> =>
  (await getComment((await post(rig.api, { body: text })).comment.id)) as CommentRecord;
const mailsTo = async (address: string) =>
  (await sentMail(rig.ses.url)).filter((m) => m.destination.to.includes(address));

test('a digest window sends at most one mail; what waits goes out in the next window, and opted-out moderators get none', async () => {
  const first = await pendingComment(`First waiting ${Date.now()}`);
  const second = await pendingComment(`Second waiting ${Date.now()}`);
  const third = await pendingComment(`Third waiting ${Date.now()}`);

  await queueForModerators(first, deps);
  clock += 60_000;
  await queueForModerators(second, deps);
  await queueForModerators(third, deps);
  await flushDigests(deps);
  expect(await mailsTo('carol@moderators.example')).toHaveLength(1);

  clock += 600_000;
  await flushDigests(deps);
  const mails = await mailsTo('carol@moderators.example');
  expect(mails).toHaveLength(2);
  expect(mails[0]?.body.text).toContain(first.body);
  expect(mails[1]?.body.text).toContain(second.body);
  expect(mails[1]?.body.text).toContain(third.body);
  expect(mails[1]?.subject).toContain('2 comments');
  expect(await mailsTo('dan@moderators.example')).toHaveLength(0);
});
