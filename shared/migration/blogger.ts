/**
 * Blogger, both of its export files. Every entry is read first and threads are joined afterwards
 * (two passes), because Blogger writes comments before their post or their parent comment.
 *
 * - Classic "Back up content" Atom: the kind is a `<category scheme="...#kind">`; a comment names its
 *   post in `<thr:in-reply-to ref>` and its parent comment in `<link rel="related">`; a removed
 *   comment carries `<gd:extendedProperty name="blogger.contentRemoved" value="true">`, and an
 *   `<app:draft>yes</app:draft>` comment awaits moderation.
 * - Takeout `feed.atom`: `<blogger:type>` POST/COMMENT, `<blogger:status>` (LIVE, PENDING/DRAFT,
 *   SPAM, DELETED/SOFT_TRASHED), `<blogger:parent>` (the post) and `<blogger:inReplyTo>` (the parent
 *   comment), `<blogger:filename>` the post's path.
 */
import {
  isoDate,
  nonEmpty,
  type ImportedComment,
  type ImportedPost,
  type ParsedExport,
  type SourceStatus,
} from './model';
import { child, childText, childrenNamed, streamRecords, type XmlNode } from './xml-stream';

/** `tag:blogger.com,1999:blog-1.post-42` and `.../comments/default/42` both name item 42. */
const tail = (ref: string): string => ref.trim().replace(/^.*[.-/]post-|^.*\//, '');

const author = (entry: XmlNode) => {
  const a = child(entry, 'author');
  const email = a ? nonEmpty(childText(a, 'email')) : null;
  return {
    authorName: a ? nonEmpty(childText(a, 'name')) : null,
    // Blogger writes this placeholder for every author whose address it does not disclose.
    authorEmail: email === 'noreply@blogger.com' ? null : email,
    authorWebsite: a ? nonEmpty(childText(a, 'uri')) : null,
  };
};

const alternate = (entry: XmlNode): string | null =>
  childrenNamed(entry, 'link').find((l) => l.attrs.rel === 'alternate')?.attrs.href ?? null;

const content = (entry: XmlNode) => ({ kind: 'html' as const, value: childText(entry, 'content') ?? '' });

const classicKind = (entry: XmlNode): string =>
  childrenNamed(entry, 'category')
    .find((c) => c.attrs.scheme?.endsWith('#kind'))
    ?.attrs.term?.replace(/^.*#/, '') ?? '';

const classicStatus = (entry: XmlNode): SourceStatus => {
  const removed = childrenNamed(entry, 'extendedProperty').some(
    (p) => p.attrs.name === 'blogger.contentRemoved' && p.attrs.value === 'true',
  );
  if (removed) return 'deleted';
  const control = child(entry, 'control');
  return control && childText(control, 'draft')?.trim() === 'yes' ? 'pending' : 'approved';
};

export const readBloggerClassic = async (chunks: AsyncIterable<string>): Promise<ParsedExport> => {
  const posts: ImportedPost[] = [];
  const comments: ImportedComment[] = [];
  await streamRecords(chunks, new Set(['entry']), (entry) => {
    const kind = classicKind(entry);
    const id = tail(childText(entry, 'id') ?? '');
    if (kind === 'post') {
      posts.push({ key: id, identifier: id, url: alternate(entry), title: nonEmpty(childText(entry, 'title')) });
    } else if (kind === 'comment') {
      const related = childrenNamed(entry, 'link').find((l) => l.attrs.rel === 'related')?.attrs.href;
      comments.push({
        sourceId: id,
        postKey: tail(child(entry, 'in-reply-to')?.attrs.ref ?? ''),
        parentSourceId: related ? tail(related) : null,
        status: classicStatus(entry),
        ...author(entry),
        ip: null,
        userAgent: null,
        createdAt: isoDate(childText(entry, 'published') ?? '', `Blogger comment ${id}`),
        content: content(entry),
      });
    }
  });
  return { format: 'blogger-classic', posts, comments };
};

const TAKEOUT_STATUS: Record<string, SourceStatus> = {
  LIVE: 'approved',
  PENDING: 'pending',
  DRAFT: 'pending',
  SPAM: 'spam',
  DELETED: 'deleted',
  SOFT_TRASHED: 'deleted',
  TRASHED: 'deleted',
};

export const readBloggerTakeout = async (chunks: AsyncIterable<string>): Promise<ParsedExport> => {
  const posts: ImportedPost[] = [];
  const comments: ImportedComment[] = [];
  await streamRecords(chunks, new Set(['entry']), (entry) => {
    const type = childText(entry, 'type')?.trim();
    const id = tail(childText(entry, 'id') ?? '');
    if (type === 'POST') {
      posts.push({
        key: id,
        identifier: id,
        url: nonEmpty(childText(entry, 'filename')) ?? alternate(entry),
        title: nonEmpty(childText(entry, 'title')),
      });
    } else if (type === 'COMMENT') {
      const parent = nonEmpty(childText(entry, 'inReplyTo'));
      comments.push({
        sourceId: id,
        postKey: tail(childText(entry, 'parent') ?? ''),
        parentSourceId: parent ? tail(parent) : null,
        status: TAKEOUT_STATUS[childText(entry, 'status')?.trim() ?? 'LIVE'] ?? 'pending',
        ...author(entry),
        ip: null,
        userAgent: null,
        createdAt: isoDate(childText(entry, 'published') ?? childText(entry, 'created') ?? '', `Blogger comment ${id}`),
        content: content(entry),
      });
    }
  });
  return { format: 'blogger-takeout', posts, comments };
};
