import { AppError } from '../shared/errors';
import { defineHandler } from '../shared/http/define-handler';
import { logger } from '../shared/http/logger';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { requestMyDataLink } from '../shared/notify/my-data';
import { NotifyMyDataLink } from '../shared/routes/notify-my-data-link';

/** The same 202 whatever happened: the answer must not tell whether an address has comments here. */
export const handler = defineHandler(NotifyMyDataLink, async ({ body }) => {
  try {
    await requestMyDataLink(body.email, defaultNotifierDeps());
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.error('my-data link not sent', { error: error as Error });
  }
});
