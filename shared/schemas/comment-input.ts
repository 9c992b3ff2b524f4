// zod/mini, not classic zod: see common.ts.
import * as z from 'zod/mini';
import { commentId, multiLineText, postId, singleLineText } from './common';

export const BODY_MAX = 10000;

export const website = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(500, { message: 'At most 500 characters' })),
    z.url({ protocol: /^https?$/, message: 'Must be an http or https URL' }),
  ),
  // Stored in WHATWG-normalised form: percent-encoded, so no quote or bracket survives into any consumer's markup.
  z.transform((url: string) => new URL(url).href),
);

/**
 * Why an author's website may not be shown: it must name a public host, not smuggle a login
 * (`user:pass@`, which also disguises the real host), an IP address or this machine.
 */
const websiteProblem = (href: string): string | undefined => {
  const { username, password, hostname } = new URL(href);
  if (username !== '' || password !== '') return 'Must not contain a user name or password';
  // WHATWG parsing turns every IPv4 spelling (decimal, octal, hex) into dotted decimal.
  if (hostname.startsWith('[') || /^[0-9.]+$/.test(hostname)) return 'Must use a host name, not an IP address';
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || !hostname.includes('.'))
    return 'Must be a public host name';
  return undefined;
};

const authorWebsite = z.pipe(
  website,
  z.string().check(
    z.superRefine((href: string, ctx) => {
      const problem = websiteProblem(href);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: href });
    }),
  ),
);

export const authorInput = z.strictObject({
  name: singleLineText(80),
  email: z.nullable(
    z.optional(
      z.pipe(
        z.string().check(z.trim(), z.maxLength(254, { message: 'At most 254 characters' })),
        z.email({ message: 'Not a valid email address' }),
      ),
    ),
  ),
  website: z.nullable(z.optional(authorWebsite)),
});

export const postCommentInput = z
  .strictObject({
    post: postId,
    parentId: z.nullable(z.optional(commentId)),
    author: authorInput,
    body: multiLineText(BODY_MAX),
    notifyReplies: z.optional(z.boolean()),
    title: z.nullable(z.optional(singleLineText(300))),
    url: z.nullable(z.optional(website)),
    hp: z.optional(z.string().check(z.maxLength(1000))),
    elapsedMs: z.optional(z.number().check(z.int(), z.gte(0), z.lte(86_400_000 * 30))).register(z.globalRegistry, {
      description:
        "Milliseconds the form was open, by the client's clock: it can only hold a comment, never publish one",
    }),
    formToken: z
      .optional(z.string().check(z.maxLength(200, { message: 'At most 200 characters' })))
      .register(z.globalRegistry, {
        description: 'The formToken of the thread page the form belongs to (a spam signal; sent by the widget)',
      }),
  })
  .register(z.globalRegistry, { id: 'PostCommentRequest' });
export type PostCommentInput = z.infer<typeof postCommentInput>;

export const editCommentInput = z
  .strictObject({ body: multiLineText(BODY_MAX) })
  .register(z.globalRegistry, { id: 'EditCommentRequest' });
