import { linkQuery } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyUnsubscribePage = defineRoute({
  name: 'NotifyUnsubscribePage',
  method: 'GET',
  path: '/v1/notify/unsubscribe',
  auth: 'public',
  entry: 'functions/notify-unsubscribe-page.ts',
  tableAccess: [],
  indexes: [],
  usesSecret: true,
  summary: "Page of a reply mail's footer link, with the Unsubscribe button. Changes nothing",
  query: linkQuery,
  success: { status: 200, body: 'html' },
  errors: [400, 410],
  cache: 'no-store',
});
