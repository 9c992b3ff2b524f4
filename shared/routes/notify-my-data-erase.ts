import { linkForm } from '../schemas/notify-input';
import { CHANGE_COMMENT, defineRoute } from './spec';

export const NotifyMyDataErase = defineRoute({
  name: 'NotifyMyDataErase',
  method: 'POST',
  path: '/v1/notify/my-data/erase',
  auth: 'public',
  entry: 'functions/notify-my-data-erase.ts',
  tableAccess: ['Query', ...CHANGE_COMMENT, 'DeleteItem'],
  indexes: ['author'],
  usesSecret: true,
  summary:
    "Erases the link's address's comments for good, 25 per POST (the page offers to continue); each erasure is audited",
  form: linkForm,
  success: { status: 200, body: 'html' },
  errors: [400, 410, 413],
  cache: 'no-store',
});
