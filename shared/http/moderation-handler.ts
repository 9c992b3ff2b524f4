import type { ModerationAction } from '../schemas/moderation-input';
import { moderationReasonInput } from '../schemas/moderation-input';
import { moderateComment } from '../usecases/moderate';
import { pathId } from './headers';
import { readJsonBody } from './json-body';
import { lambdaHandler } from './lambda-handler';
import { requireModerator } from './moderator';

/** Approve, reject and spam differ only in their action; each still gets its own function. */
export const moderationHandler = (action: ModerationAction) =>
  lambdaHandler('no-store', async (req) => {
    const moderator = requireModerator(req);
    const id = pathId(req);
    const { reason } = readJsonBody(req, moderationReasonInput, { optional: true });
    return { status: 200, body: { comment: await moderateComment(id, action, moderator, reason ?? null) } };
  });
