import { countsQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const GetCounts = defineRoute({
  name: 'GetCounts',
  method: 'GET',
  path: '/v1/counts',
  auth: 'public',
  entry: 'functions/get-counts.ts',
  tableAccess: ['BatchGetItem'],
  indexes: [],
  usesSecret: false,
  summary: 'Approved-comment counts of up to 100 posts',
  query: countsQuery,
  success: { status: 200, body: 'countsResponse' },
  errors: [400],
  cache: 'public',
});
