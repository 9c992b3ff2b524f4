import { config } from '../shared/config';
import { defineHandler } from '../shared/http/define-handler';
import { ListComments } from '../shared/routes/list-comments';
import { listThread } from '../shared/usecases/list-thread';

export const handler = defineHandler(ListComments, ({ query }) => listThread(query, config()));
