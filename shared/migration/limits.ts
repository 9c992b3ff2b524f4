/** Parley's own limits, applied to imported comments exactly as to posted ones. */
export { BODY_MAX } from '../schemas/comment-input';

/** The reply depth cap of shared/domain/thread-keys.ts (`placeReply`). */
export const MAX_DEPTH = 5;
export const NAME_MAX = 80;
export const WEBSITE_MAX = 500;
