import { defineHandler } from '../shared/http/define-handler';
import { AdminAudit } from '../shared/routes/admin-audit';
import { auditLog } from '../shared/usecases/admin-read-models';

export const handler = defineHandler(AdminAudit, ({ query }) => auditLog(query));
