import { AppError } from '../shared/errors';
import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { logger } from '../shared/http/logger';
import { clientRate } from '../shared/notify/client-rate';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { requestMyDataLink } from '../shared/notify/my-data';
import { NotifyMyDataLink } from '../shared/routes/notify-my-data-link';

/**
 * The same 202 whatever happened: the answer must not tell whether an address has comments here.
 * A full rate window is a 429 (an AppError), decided before the address is looked up.
 */
export const handler = defineHandler(NotifyMyDataLink, async ({ body }, req) => {
  const deps = defaultNotifierDeps();
  try {
    await requestMyDataLink(body.email, deps, await clientRate(deps, clientAddress(req)));
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.error('my-data link not sent', { error: error as Error });
  }
});
