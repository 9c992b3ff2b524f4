/**
 * The notification side of `npm start`: the local SES (with its mail viewer) on SES_PORT, and the
 * stream poller running the notifier over DynamoDB Local's stream, with a timer that flushes
 * moderator digests whose window has passed (deployed: a schedule).
 */
import { defaultNotifierDeps } from '../../shared/notify/default-deps';
import { flushDigests } from '../../shared/notify/moderator-digest';
import { handleStreamEvent } from '../../shared/notify/notifier';
import { startSesLocal, type SesLocal } from './ses-local';
import { startStreamPoller, type StreamPoller } from './stream-poller';

export interface LocalNotifier {
  readonly ses: SesLocal;
  readonly poller: StreamPoller;
  stop(): Promise<void>;
}

export const startLocalNotifier = async (options: {
  endpoint: string;
  tableName: string;
  sesPort?: number;
  log?: (line: string) => void;
}): Promise<LocalNotifier> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const ses = await startSesLocal({ port: options.sesPort ?? 8005 });
  process.env.SES_ENDPOINT = ses.url;
  try {
    const deps = { ...defaultNotifierDeps(), log };
    const poller = await startStreamPoller({
      endpoint: options.endpoint,
      tableName: options.tableName,
      handler: (event) => handleStreamEvent(event, deps),
      onFailure: ({ record }) => log(`notifier: record ${record.eventID} parked in the local on-failure list`),
      log,
    });
    const timer = setInterval(() => {
      flushDigests(deps).catch((error: unknown) => log(`digest flush failed: ${String(error)}`));
    }, 30_000);
    return {
      ses,
      poller,
      async stop() {
        clearInterval(timer);
        await poller.stop();
        await ses.stop();
      },
    };
  } catch (error) {
    await ses.stop();
    throw error;
  }
};
