import { feedQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const GetFeed = defineRoute({
  name: 'GetFeed',
  method: 'GET',
  path: '/v1/feed',
  auth: 'public',
  entry: 'functions/get-feed.ts',
  tableAccess: ['Query', 'BatchGetItem'],
  indexes: ['feed', 'postFeed'],
  usesSecret: false,
  summary: 'Atom feed of the 50 newest approved comments of a post or the site',
  query: feedQuery,
  success: { status: 200, body: 'atom' },
  errors: [400],
  cache: 'public',
});
