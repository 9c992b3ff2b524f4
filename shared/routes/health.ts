import { defineRoute } from './spec';

export const Health = defineRoute({
  name: 'Health',
  method: 'GET',
  path: '/v1/health',
  auth: 'public',
  entry: 'functions/health.ts',
  tableAccess: ['GetItem'],
  indexes: [],
  usesSecret: false,
  summary: 'Whether the handler reaches the store',
  success: { status: 200, body: 'healthResponse' },
  errors: [],
  cache: 'no-store',
});
