import { AppError } from '../shared/errors';
import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { clientRate } from '../shared/notify/client-rate';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { exportMyData } from '../shared/notify/my-data';
import { NotifyMyDataDownload } from '../shared/routes/notify-my-data-download';

export const handler = defineHandler(NotifyMyDataDownload, async ({ form }, req) => {
  if (!form.token) throw new AppError('validation_failed', 'The link has no token', { token: 'Required' });
  const deps = defaultNotifierDeps();
  return exportMyData(form.token, deps, await clientRate(deps, clientAddress(req)));
});
