/**
 * Remark42 backup (`remark42 backup`, or the admin's "export"; usually gzipped): one JSON line of
 * metadata, then one JSON line per comment with `id`, `pid` (parent, empty at the top), `orig` (the
 * Markdown as written), `text` (rendered HTML), `user.name`, `locator.url`, `time`, `delete`, `title`.
 * Remark42 keeps only hashed IPs and no emails, so none are imported; it has no moderation queue.
 */
import { isoDate, nonEmpty, type ImportedComment, type ImportedPost, type ParsedExport } from './model';

interface Remark42Comment {
  id?: string;
  pid?: string;
  text?: string;
  orig?: string;
  user?: { name?: string };
  locator?: { url?: string };
  time?: string;
  delete?: boolean;
  title?: string;
}

export const readRemark42 = (text: string): ParsedExport => {
  const posts = new Map<string, ImportedPost>();
  const comments: ImportedComment[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let row: Remark42Comment & { version?: number };
    try {
      row = JSON.parse(line) as typeof row;
    } catch (error) {
      throw new Error(`Malformed JSON at line ${index + 1}: ${(error as Error).message}`);
    }
    if (row.version !== undefined && row.id === undefined) continue;
    const url = row.locator?.url ?? '';
    if (!posts.has(url)) posts.set(url, { key: url, identifier: url, url: nonEmpty(url), title: nonEmpty(row.title) });
    comments.push({
      sourceId: row.id ?? '',
      postKey: url,
      parentSourceId: nonEmpty(row.pid),
      status: row.delete ? 'deleted' : 'approved',
      authorName: nonEmpty(row.user?.name),
      authorEmail: null,
      authorWebsite: null,
      ip: null,
      userAgent: null,
      createdAt: isoDate(row.time ?? '', `Remark42 comment at line ${index + 1}`),
      content: row.orig ? { kind: 'markdown', value: row.orig } : { kind: 'html', value: row.text ?? '' },
    });
  }
  return { format: 'remark42', posts: [...posts.values()], comments };
};
