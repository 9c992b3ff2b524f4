import { defineHandler } from '../shared/http/define-handler';
import { AdminSetMailSettings } from '../shared/routes/admin-set-mail-settings';
import { setModeratorMailMode } from '../shared/store/notification-digest';

export const handler = defineHandler(AdminSetMailSettings, async ({ moderator, body }) => {
  await setModeratorMailMode(moderator.username, body.mode, new Date().toISOString());
  return { mode: body.mode };
});
