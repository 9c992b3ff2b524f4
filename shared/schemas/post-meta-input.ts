// zod/mini, not classic zod: see common.ts. Its own file, so only the route that names posts
// bundles the URL validator.
import * as z from 'zod/mini';
import { website } from './comment-input';
import { singleLineText } from './common';

/** A moderator's name for a post; null removes it (the feed then shows the post id and links to the site URL + id). */
export const postMetaInput = z
  .strictObject({
    title: z.nullable(singleLineText(300)),
    url: z.nullable(website),
  })
  .register(z.globalRegistry, { id: 'PostMetaRequest' });
