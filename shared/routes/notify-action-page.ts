import { linkQuery } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyActionPage = defineRoute({
  name: 'NotifyActionPage',
  method: 'GET',
  path: '/v1/notify/action',
  auth: 'public',
  entry: 'functions/notify-action-page.ts',
  tableAccess: ['GetItem'],
  indexes: [],
  usesSecret: true,
  summary: "Page of a digest mail's action link: names the comment and the action; its button POSTs. Changes nothing",
  query: linkQuery,
  success: { status: 200, body: 'html' },
  errors: [400, 404, 410],
  cache: 'no-store',
});
