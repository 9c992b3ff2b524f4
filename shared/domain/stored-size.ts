/**
 * What one comment may store. The length limit counts characters, but DynamoDB bills (and the
 * queues and feeds copy) bytes: 10,000 `&` become 50 KB of HTML. Capping the stored bytes keeps a
 * comment's write cost and a page's size bounded whatever the characters are.
 */
import { validationError } from '../errors';

/** At most this many bytes of UTF-8 in the Markdown source, and again in the rendered HTML. */
export const STORED_TEXT_MAX_BYTES = 16 * 1024;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export const checkStoredSize = (body: string, html: string): void => {
  const size = Math.max(bytes(body), bytes(html));
  if (size > STORED_TEXT_MAX_BYTES)
    throw validationError({
      body: `Too long once stored: ${size} bytes, at most ${STORED_TEXT_MAX_BYTES} (characters such as &, < and most non-Latin letters take several bytes once formatted)`,
    });
};
