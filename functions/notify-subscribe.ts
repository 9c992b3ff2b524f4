import { AppError } from '../shared/errors';
import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { logger } from '../shared/http/logger';
import { clientRate } from '../shared/notify/client-rate';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { requestReplyNotifications } from '../shared/notify/reply-notifications';
import { NotifySubscribe } from '../shared/routes/notify-subscribe';

/**
 * The same 202 whatever happened, so the answer tells nobody whether an address is known: even a
 * failed send is only logged (a 5xx would tell a new address from a confirmed one, which sends nothing).
 * Store failures still answer 503, as they do for any address, and a full rate window 429.
 */
export const handler = defineHandler(NotifySubscribe, async ({ body }, req) => {
  const deps = defaultNotifierDeps();
  try {
    await requestReplyNotifications(body.email, deps, await clientRate(deps, clientAddress(req)));
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.error('confirmation mail not sent', { error: error as Error });
  }
});
