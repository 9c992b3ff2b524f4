import { AppError } from '../shared/errors';
import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { exportMyData } from '../shared/notify/my-data';
import { NotifyMyDataDownload } from '../shared/routes/notify-my-data-download';

export const handler = defineHandler(NotifyMyDataDownload, async ({ form }) => {
  if (!form.token) throw new AppError('validation_failed', 'The link has no token', { token: 'Required' });
  return exportMyData(form.token, defaultNotifierDeps());
});
