// zod/mini, not classic zod: see common.ts.
import * as z from 'zod/mini';

/**
 * A mail link's query. The token is optional here so that a link without one gets the page that
 * says the link is broken, not a JSON error; unknown parameters (tracking tags mail clients add)
 * are ignored.
 */
export const linkQuery = z.object({
  token: z.optional(z.string().check(z.maxLength(2000))),
  lang: z.optional(z.string().check(z.maxLength(35))),
});

/** The page's form (hidden `token` and `lang`), or RFC 8058's `List-Unsubscribe=One-Click`. */
export const linkForm = z.object({
  token: z.optional(z.string().check(z.maxLength(2000))),
  lang: z.optional(z.string().check(z.maxLength(35))),
  'List-Unsubscribe': z.optional(z.string()),
});

export const emailBody = z.strictObject({
  email: z.pipe(
    z.string().check(z.trim(), z.maxLength(254, { message: 'At most 254 characters' })),
    z.email({ message: 'Not a valid email address' }),
  ),
});

export const mailModeBody = z.strictObject({ mode: z.enum(['digest', 'off']) });
