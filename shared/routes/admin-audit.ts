import { auditQuery } from '../schemas/query-params';
import { defineRoute } from './spec';

export const AdminAudit = defineRoute({
  name: 'AdminAudit',
  method: 'GET',
  path: '/v1/admin/audit',
  auth: 'moderator',
  entry: 'functions/admin-audit.ts',
  tableAccess: ['Query'],
  indexes: [],
  usesSecret: true,
  summary: 'Every moderation action, newest first',
  query: auditQuery,
  success: { status: 200, body: 'auditPage' },
  errors: [400, 401, 403],
  cache: 'no-store',
});
