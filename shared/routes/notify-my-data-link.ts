import { emailBody } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyMyDataLink = defineRoute({
  name: 'NotifyMyDataLink',
  method: 'POST',
  path: '/v1/notify/my-data-link',
  auth: 'public',
  entry: 'functions/notify-my-data-link.ts',
  // DeleteItem: a failed send gives its once-a-day marker back.
  tableAccess: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  indexes: ['author'],
  usesSecret: true,
  summary:
    "Mails a link to the address's own data (download, erase) if it has comments or a subscription, once a day. Answers 202 whatever the address; counts against the client's write rate limit",
  body: emailBody,
  success: { status: 202 },
  errors: [400, 413, 415],
  cache: 'no-store',
});
