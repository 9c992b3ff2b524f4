import { config } from '../shared/config';
import type { ReactionKind } from '../shared/domain/reactions';
import { defineHandler } from '../shared/http/define-handler';
import { AddReaction } from '../shared/routes/add-reaction';
import { react } from '../shared/usecases/react';

export const handler = defineHandler(AddReaction, ({ path, query, headers }, req) =>
  react(config(), {
    commentId: path.id,
    post: query.post,
    kind: path.kind as ReactionKind,
    on: true,
    readerKey: headers['X-Reader-Key'],
    sourceIp: req.sourceIp,
  }),
);
