import { linkForm, linkQuery } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyUnsubscribe = defineRoute({
  name: 'NotifyUnsubscribe',
  method: 'POST',
  path: '/v1/notify/unsubscribe',
  auth: 'public',
  entry: 'functions/notify-unsubscribe.ts',
  tableAccess: ['UpdateItem'],
  indexes: [],
  usesSecret: true,
  summary:
    "Stops reply notifications: RFC 8058 one-click (`?token=` and the body `List-Unsubscribe=One-Click`) or the footer page's button (`token` in the form)",
  query: linkQuery,
  form: linkForm,
  success: { status: 200, body: 'html' },
  errors: [400, 410, 413],
  cache: 'no-store',
});
