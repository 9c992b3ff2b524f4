import { defineRoute } from './spec';

export const AdminGetMailSettings = defineRoute({
  name: 'AdminGetMailSettings',
  method: 'GET',
  path: '/v1/admin/me/notifications',
  auth: 'moderator',
  entry: 'functions/admin-get-mail-settings.ts',
  tableAccess: ['Query'],
  indexes: [],
  usesSecret: false,
  summary: "The signed-in moderator's mail setting: digests of waiting comments, or none",
  success: { status: 200, body: 'mailSettings' },
  errors: [401, 403],
  cache: 'no-store',
});
