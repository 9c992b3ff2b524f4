/**
 * Commento (and Commento++) JSON export (Dashboard > Export data, mailed as a gzipped file):
 * `{ "version": 1, "comments": [...], "commenters": [...] }`. A comment has `commentHex`,
 * `domain`, `url` (the page's path, Commento's thread key), `commenterHex`, `markdown` (as written),
 * `parentHex` (`"root"` for a top-level comment), `state` (`approved`, `unapproved`, `flagged`),
 * `creationDate` and `deleted`. Commenters carry `name`, `email` and `link`; anonymous comments
 * name the commenter `anonymous`. Commento keeps no IP address or user agent.
 */
import {
  isoDate,
  nonEmpty,
  type ImportedComment,
  type ImportedPost,
  type ParsedExport,
  type SourceStatus,
} from './model';

interface CommentoComment {
  commentHex?: string;
  domain?: string;
  url?: string;
  commenterHex?: string;
  markdown?: string;
  parentHex?: string;
  state?: string;
  creationDate?: string;
  deleted?: boolean;
}

interface Commenter {
  commenterHex?: string;
  email?: string;
  name?: string;
  link?: string;
}

const STATUS: Record<string, SourceStatus> = { approved: 'approved', unapproved: 'pending', flagged: 'spam' };

/** Commento stores `undefined` for a commenter's missing website. */
const link = (raw: string | undefined): string | null => (raw === 'undefined' ? null : nonEmpty(raw));

export const readCommento = (text: string): ParsedExport => {
  let doc: { version?: number; comments?: CommentoComment[]; commenters?: Commenter[] };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (error) {
    throw new Error(`Malformed JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(doc.comments)) throw new Error('Not a Commento export: no comments array');
  const commenters = new Map((doc.commenters ?? []).map((c) => [c.commenterHex ?? '', c]));
  const posts = new Map<string, ImportedPost>();
  const comments: ImportedComment[] = doc.comments.map((row, i) => {
    const path = row.url ?? '';
    const key = `${row.domain ?? ''}${path}`;
    if (!posts.has(key)) {
      const url = row.domain ? `https://${row.domain}${path.startsWith('/') ? '' : '/'}${path}` : null;
      posts.set(key, { key, identifier: nonEmpty(path), url, title: null });
    }
    const who = row.commenterHex === 'anonymous' ? undefined : commenters.get(row.commenterHex ?? '');
    return {
      sourceId: row.commentHex ?? '',
      postKey: key,
      parentSourceId: !row.parentHex || row.parentHex === 'root' ? null : row.parentHex,
      status: row.deleted ? 'deleted' : (STATUS[row.state ?? 'approved'] ?? 'pending'),
      authorName: nonEmpty(who?.name),
      authorEmail: nonEmpty(who?.email),
      authorWebsite: link(who?.link),
      ip: null,
      userAgent: null,
      createdAt: isoDate(row.creationDate ?? '', `Commento comment ${i}`),
      content: { kind: 'markdown', value: row.markdown ?? '' },
    };
  });
  return { format: 'commento', posts: [...posts.values()], comments };
};
