import { linkQuery } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyConfirmPage = defineRoute({
  name: 'NotifyConfirmPage',
  method: 'GET',
  path: '/v1/notify/confirm',
  auth: 'public',
  entry: 'functions/notify-confirm-page.ts',
  tableAccess: [],
  indexes: [],
  usesSecret: true,
  summary: "Page of a confirmation mail's link, with the Confirm button (double opt-in). Changes nothing",
  query: linkQuery,
  success: { status: 200, body: 'html' },
  errors: [400, 410],
  cache: 'no-store',
});
