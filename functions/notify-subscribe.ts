import { AppError } from '../shared/errors';
import { defineHandler } from '../shared/http/define-handler';
import { logger } from '../shared/http/logger';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { requestReplyNotifications } from '../shared/notify/reply-notifications';
import { NotifySubscribe } from '../shared/routes/notify-subscribe';

/**
 * The same 202 whatever happened, so the answer tells nobody whether an address is known: even a
 * failed send is only logged (a 5xx would tell a new address from a confirmed one, which sends nothing).
 * Store failures still answer 503, as they do for any address.
 */
export const handler = defineHandler(NotifySubscribe, async ({ body }) => {
  try {
    await requestReplyNotifications(body.email, defaultNotifierDeps());
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.error('confirmation mail not sent', { error: error as Error });
  }
});
