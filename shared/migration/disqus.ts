/**
 * Disqus export XML (Admin > Moderate > Export): `<thread dsq:id>` elements (link, title, the site's
 * own `<id>` identifier) and `<post dsq:id>` elements that point at their thread and, for replies,
 * their `<parent dsq:id>`. `isSpam` marks spam, `isDeleted` a comment removed by a moderator or its author.
 */
import { isoDate, nonEmpty, type ImportedComment, type ImportedPost, type ParsedExport } from './model';
import { child, childText, streamRecords, type XmlNode } from './xml-stream';

const yes = (node: XmlNode, name: string) => childText(node, name)?.trim() === 'true';

export const readDisqus = async (chunks: AsyncIterable<string>): Promise<ParsedExport> => {
  const posts: ImportedPost[] = [];
  const comments: ImportedComment[] = [];
  await streamRecords(chunks, new Set(['thread', 'post']), (node) => {
    const id = node.attrs.id;
    if (!id) return;
    if (node.name === 'thread') {
      posts.push({
        key: id,
        identifier: nonEmpty(childText(node, 'id')),
        url: nonEmpty(childText(node, 'link')),
        title: nonEmpty(childText(node, 'title')),
      });
      return;
    }
    const author = child(node, 'author');
    comments.push({
      sourceId: id,
      postKey: child(node, 'thread')?.attrs.id ?? '',
      parentSourceId: child(node, 'parent')?.attrs.id ?? null,
      status: yes(node, 'isSpam') ? 'spam' : yes(node, 'isDeleted') ? 'deleted' : 'approved',
      authorName: author ? nonEmpty(childText(author, 'name')) : null,
      authorEmail: author ? nonEmpty(childText(author, 'email')) : null,
      authorWebsite: author ? nonEmpty(childText(author, 'link')) : null,
      ip: nonEmpty(childText(node, 'ipAddress')),
      userAgent: null,
      createdAt: isoDate(childText(node, 'createdAt') ?? '', `Disqus post ${id}`),
      content: { kind: 'html', value: childText(node, 'message') ?? '' },
    });
  });
  return { format: 'disqus', posts, comments };
};
