import { linkForm } from '../schemas/notify-input';
import { defineRoute } from './spec';

export const NotifyConfirm = defineRoute({
  name: 'NotifyConfirm',
  method: 'POST',
  path: '/v1/notify/confirm',
  auth: 'public',
  entry: 'functions/notify-confirm.ts',
  // UpdateItem: the confirmation and the client's rate window, in one transaction.
  tableAccess: ['UpdateItem'],
  indexes: [],
  usesSecret: true,
  summary: 'The Confirm button: turns on reply notifications for the address the link was mailed to',
  form: linkForm,
  success: { status: 200, body: 'html' },
  errors: [400, 410, 413],
  cache: 'no-store',
});
