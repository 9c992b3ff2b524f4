import { defineHandler } from '../shared/http/define-handler';
import { AdminMoveThread } from '../shared/routes/admin-move-thread';
import { moveThreadStep } from '../shared/usecases/move-thread';

export const handler = defineHandler(AdminMoveThread, ({ body, moderator }) =>
  moveThreadStep({ from: body.from, to: body.to, merge: body.merge === true }, moderator),
);
