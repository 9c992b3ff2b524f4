import { config } from '../shared/config';
import type { ReactionKind } from '../shared/domain/reactions';
import { defineHandler } from '../shared/http/define-handler';
import { RemoveReaction } from '../shared/routes/remove-reaction';
import { react } from '../shared/usecases/react';

export const handler = defineHandler(RemoveReaction, ({ path, query, headers }, req) =>
  react(config(), {
    commentId: path.id,
    post: query.post,
    kind: path.kind as ReactionKind,
    on: false,
    readerKey: headers['X-Reader-Key'],
    sourceIp: req.sourceIp,
  }),
);
