// zod/mini, like every request schema (bundled into the handler).
import * as z from 'zod/mini';
import { multiLineText } from './common';

/** A reader's limit too (comment-input.ts), not imported so this handler bundles no email or URL validator. */
const BODY_MAX = 10000;

/** A moderator's reply: only the text; name, badge and status are the server's. */
export const ownerReplyInput = z
  .strictObject({ body: multiLineText(BODY_MAX) })
  .register(z.globalRegistry, { id: 'OwnerReplyRequest' });
