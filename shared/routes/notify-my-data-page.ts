import { linkQuery } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyMyDataPage = defineRoute({
  name: 'NotifyMyDataPage',
  method: 'GET',
  path: '/v1/notify/my-data',
  auth: 'public',
  entry: 'functions/notify-my-data-page.ts',
  tableAccess: [],
  indexes: [],
  usesSecret: true,
  summary: "Page of a my-data link: buttons to download the reader's data and to erase their comments. Changes nothing",
  query: linkQuery,
  success: { status: 200, body: 'html' },
  errors: [400, 410],
  cache: 'no-store',
});
