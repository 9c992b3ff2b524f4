/**
 * Comment bodies for the reliability tests: each unique (so duplicate detection stays quiet), each
 * carrying a marker that can be searched for in responses, and mixing Markdown with text whose bytes
 * are easy to get wrong (combining marks, astral-plane emoji, right-to-left script, CJK).
 */
import { formToken } from '../comments';
import { randomBytes } from 'node:crypto';

const SNIPPETS = [
  'Great point about *time to value*.',
  'I disagree: **cold starts** matter more than you think.',
  'Café, naïve, façade: e\u0301 vs é.',
  'Emoji 👩🏽‍💻 and 🇳🇿 flags survive?',
  'مرحبا بالعالم, mixed with English.',
  '日本語のコメントです。',
  '`code span` and ~~strikethrough~~ text.',
  'A link to https://example.org/path?q=1 in text.',
  '> a quote\n\nand an answer.',
  '- one\n- two\n- three',
  'Line one\nline two\n\nparagraph two.',
  'Math-ish: 2 < 3 && 5 > 4 "quoted" \'single\'.',
  'Tabs\tand  double  spaces inside.',
];

let sequence = 0;

/** A unique marker, e.g. `mk-3f9a1c0b-17`: letters and digits only, never produced by rendering. */
export const marker = (): string => `mk${randomBytes(5).toString('hex')}x${++sequence}`;

/** A unique comment body (no surrounding white space, which the API trims) containing `mark`. */
export const commentText = (mark = marker()): { text: string; mark: string } => {
  const a = SNIPPETS[sequence % SNIPPETS.length]!;
  const b = SNIPPETS[(sequence * 7 + 3) % SNIPPETS.length]!;
  return { text: `${a}\n\n${b} (${mark})`, mark };
};

export const POSTS = [
  '2011/11/cloud-blog-on-wired-site-time-to-value',
  'reliability/post-a',
  'reliability/post-b',
  'reliability/post-c',
];

export interface CommentRequest {
  readonly key: string;
  readonly mark: string;
  readonly email: string;
  readonly body: Record<string, unknown>;
}

/** A valid POST /v1/comments request body with a fresh Idempotency-Key. */
export const newComment = (
  options: { post?: string; email?: string; parentId?: string; elapsedMs?: number; name?: string } = {},
): CommentRequest => {
  const { text, mark } = commentText();
  const email = options.email ?? `reader-${mark}@example.test`;
  return {
    key: `key-${mark}`,
    mark,
    email,
    body: {
      post: options.post ?? POSTS[0],
      ...(options.parentId ? { parentId: options.parentId } : {}),
      author: { name: options.name ?? `Reader ${mark.slice(-4)}`, email, website: 'https://example.org/me' },
      body: text,
      elapsedMs: options.elapsedMs ?? 60_000,
      formToken: formToken(),
    },
  };
};
