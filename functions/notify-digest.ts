// Called by a schedule every minute: sends the moderator digests whose window has opened, so no
// queued comment waits for the next comment to arrive before its digest goes out.
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { flushDigests } from '../shared/notify/moderator-digest';

let deps: ReturnType<typeof defaultNotifierDeps> | undefined;

export const handler = async (): Promise<void> => {
  await flushDigests((deps ??= defaultNotifierDeps()));
};
