import { linkForm } from '../schemas/notify-input';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const NotifyAction = defineRoute({
  name: 'NotifyAction',
  method: 'POST',
  path: '/v1/notify/action',
  auth: 'public',
  entry: 'functions/notify-action.ts',
  tableAccess: CHANGE_COMMENT,
  indexes: [],
  usesSecret: true,
  summary:
    "The action page's button: approves, rejects or marks as spam, once per link, as the moderator it was mailed to",
  form: linkForm,
  success: { status: 200, body: 'html' },
  errors: [400, 404, 409, 410, 413],
  cache: 'no-store',
});
