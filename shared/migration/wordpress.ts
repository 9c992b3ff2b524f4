/**
 * WordPress eXtended RSS (WXR 1.0-1.2, Tools > Export): one `<item>` per post with its
 * `<wp:comment>` elements. `comment_approved` is `1` (approved), `0` (pending), `spam`, `trash` or
 * `post-trashed`; `comment_type` `pingback`/`trackback` are not conversations and are skipped.
 */
import {
  isoDate,
  nonEmpty,
  type ImportedComment,
  type ImportedPost,
  type ParsedExport,
  type SourceStatus,
} from './model';
import { childText, childrenNamed, streamRecords } from './xml-stream';

const statusOf = (approved: string, type: string): SourceStatus => {
  if (type === 'pingback' || type === 'trackback') return 'pingback';
  if (approved === '1') return 'approved';
  if (approved === '0') return 'pending';
  if (approved === 'spam') return 'spam';
  return 'deleted';
};

/** WordPress stores comments as text with line breaks that wpautop turns into paragraphs on display. */
const autop = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('');

export const readWordPress = async (chunks: AsyncIterable<string>): Promise<ParsedExport> => {
  const posts: ImportedPost[] = [];
  const comments: ImportedComment[] = [];
  await streamRecords(chunks, new Set(['item']), (item) => {
    const key = childText(item, 'post_id')?.trim();
    const wpComments = childrenNamed(item, 'comment');
    if (!key || wpComments.length === 0) return;
    posts.push({
      key,
      identifier: nonEmpty(childText(item, 'post_name')) ?? key,
      url: nonEmpty(childText(item, 'link')),
      title: nonEmpty(childText(item, 'title')),
    });
    for (const c of wpComments) {
      const id = childText(c, 'comment_id')?.trim() ?? '';
      const parent = childText(c, 'comment_parent')?.trim() ?? '0';
      const gmt = nonEmpty(childText(c, 'comment_date_gmt'));
      comments.push({
        sourceId: id,
        postKey: key,
        parentSourceId: parent === '0' || parent === '' ? null : parent,
        status: statusOf(childText(c, 'comment_approved')?.trim() ?? '', childText(c, 'comment_type')?.trim() ?? ''),
        authorName: nonEmpty(childText(c, 'comment_author')),
        authorEmail: nonEmpty(childText(c, 'comment_author_email')),
        authorWebsite: nonEmpty(childText(c, 'comment_author_url')),
        ip: nonEmpty(childText(c, 'comment_author_IP')),
        userAgent: nonEmpty(childText(c, 'comment_agent')),
        // A zero GMT date means "never published"; the local date is then the best there is.
        createdAt: isoDate(
          gmt && !gmt.startsWith('0000') ? gmt : (childText(c, 'comment_date') ?? ''),
          `WordPress comment ${id}`,
        ),
        content: { kind: 'html', value: autop(childText(c, 'comment_content') ?? '') },
      });
    }
  });
  return { format: 'wordpress', posts, comments };
};
