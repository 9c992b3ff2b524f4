import { moderationHandler } from '../shared/http/moderation-handler';

export const handler = moderationHandler('approve');
