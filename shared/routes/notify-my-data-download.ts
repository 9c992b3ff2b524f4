import { linkForm } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyMyDataDownload = defineRoute({
  name: 'NotifyMyDataDownload',
  method: 'POST',
  path: '/v1/notify/my-data/download',
  auth: 'public',
  entry: 'functions/notify-my-data-download.ts',
  // PutItem and UpdateItem: the audit entry and the client's rate window, in one transaction.
  tableAccess: ['Query', 'GetItem', 'PutItem', 'UpdateItem'],
  indexes: ['author'],
  usesSecret: true,
  summary:
    "Everything held under the link's address: its comments (status, dates, text, post) and its subscription. Audited",
  form: linkForm,
  success: { status: 200, body: 'myDataExport' },
  errors: [400, 413],
  cache: 'no-store',
});
