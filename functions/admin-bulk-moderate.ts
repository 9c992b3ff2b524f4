import { defineHandler } from '../shared/http/define-handler';
import { AdminBulkModerate } from '../shared/routes/admin-bulk-moderate';
import { bulkModerate } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminBulkModerate, async ({ body, moderator }) => ({
  results: await bulkModerate(body.action, body.ids, moderator, body.reason ?? null, body.versions),
}));
