import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { handleSesEvents, type SesEventEnvelope } from '../shared/notify/ses-events';

let deps: ReturnType<typeof defaultNotifierDeps> | undefined;

export const handler = async (event: SesEventEnvelope): Promise<void> => {
  await handleSesEvents(event, (deps ??= defaultNotifierDeps()));
};
