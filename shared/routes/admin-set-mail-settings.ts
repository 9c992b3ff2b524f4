import { mailModeBody } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const AdminSetMailSettings = defineRoute({
  name: 'AdminSetMailSettings',
  method: 'PUT',
  path: '/v1/admin/me/notifications',
  auth: 'moderator',
  entry: 'functions/admin-set-mail-settings.ts',
  tableAccess: ['PutItem'],
  indexes: [],
  usesSecret: false,
  summary: "Sets the signed-in moderator's mail setting (`digest` or `off`)",
  body: mailModeBody,
  success: { status: 200, body: 'mailSettings' },
  errors: [400, 401, 403, 413, 415],
  cache: 'no-store',
});
