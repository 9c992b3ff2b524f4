import { emailBody } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifySubscribe = defineRoute({
  name: 'NotifySubscribe',
  method: 'POST',
  path: '/v1/notify/subscribe',
  auth: 'public',
  entry: 'functions/notify-subscribe.ts',
  // DeleteItem: a failed send gives its once-a-day marker back. GetItem: the address's state, read
  // back after the transaction that records it and charges the client's rate window.
  tableAccess: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  indexes: [],
  usesSecret: true,
  summary:
    "Asks for reply notifications: mails a confirmation link (once a day per address, within a site-wide budget). Answers 202 whatever the address; counts against the client's write rate limit",
  body: emailBody,
  success: { status: 202 },
  errors: [400, 413, 415],
  cache: 'no-store',
});
