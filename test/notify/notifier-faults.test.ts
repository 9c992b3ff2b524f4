import { waitForMail, type StoredMail } from '../../infra/local/ses-local';
import { post } from '../support/comments';
import { startFaultProxy, startNotifyRig, type NotifyRig } from './support';

const POISON = 'poison-pill-for-ses';
let rig: NotifyRig;
let proxy: Awaited<ReturnType<typeof startFaultProxy>> | undefined;

beforeAll(async () => {
  rig = await startNotifyRig({
    maxRetries: 2,
    sesEndpoint: async (ses) => {
      proxy = await startFaultProxy(ses.url, POISON);
      return proxy.url;
    },
  });
});
afterAll(async () => {
  await rig?.close();
  await proxy?.close();
});

const mentioning = (text: string) => (mail: StoredMail) => (mail.body.text ?? '').includes(text);

test('a send SES keeps throttling is retried, then parked in the on-failure sink, and later records still mail', async () => {
  const poisoned = (await post(rig.api, { body: `Throttled ${POISON} ${Date.now()}` })).comment.id;
  const healthyText = `Healthy after the poison ${Date.now()}`;
  await post(rig.api, { body: healthyText });

  await waitForMail(rig.ses.url, (all) => all.some(mentioning(healthyText)), 10_000);
  await rig.poller.drain();

  // One first try and two retries (maxRetries: 2), each refused by the injected throttling.
  expect(proxy?.refused()).toBe(3);
  expect(rig.poller.failed).toHaveLength(1);
  expect(rig.poller.failed[0]?.record.dynamodb?.NewImage?.id?.S).toBe(poisoned);
  expect(rig.poller.failed[0]?.attempts).toBe(3);
});
