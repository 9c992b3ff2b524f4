import { defineHandler } from '../shared/http/define-handler';
import { AdminGetMailSettings } from '../shared/routes/admin-get-mail-settings';
import { getModeratorMailMode } from '../shared/store/notification-digest';

export const handler = defineHandler(AdminGetMailSettings, async ({ moderator }) => ({
  mode: await getModeratorMailMode(moderator.username),
}));
