import { linkForm } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyMyDataDownload = defineRoute({
  name: 'NotifyMyDataDownload',
  method: 'POST',
  path: '/v1/notify/my-data/download',
  auth: 'public',
  entry: 'functions/notify-my-data-download.ts',
  tableAccess: ['Query', 'GetItem', 'PutItem'],
  indexes: ['author'],
  usesSecret: true,
  summary:
    "Everything held under the link's address: its comments (status, dates, text, post) and its subscription. Audited",
  form: linkForm,
  success: { status: 200, body: 'myDataExport' },
  errors: [400, 413],
  cache: 'no-store',
});
