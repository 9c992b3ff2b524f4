/**
 * Waline JSON export (admin > Data migration > Export): `data.Comment` rows with `objectId`, `pid`
 * (parent), `url` (the page path, Waline's thread key), `nick`, `mail`, `link`, `ip`, `ua`,
 * `comment` (the Markdown as written), `insertedAt`, and `status` `approved`, `waiting` or `spam`.
 */
import {
  isoDate,
  nonEmpty,
  type ImportedComment,
  type ImportedPost,
  type ParsedExport,
  type SourceStatus,
} from './model';

interface WalineComment {
  objectId?: string | number;
  pid?: string | number | null;
  url?: string;
  nick?: string;
  mail?: string;
  link?: string;
  ip?: string;
  ua?: string;
  comment?: string;
  insertedAt?: string;
  createdAt?: string;
  status?: string;
}

const STATUS: Record<string, SourceStatus> = { approved: 'approved', waiting: 'pending', spam: 'spam' };

export const readWaline = (text: string): ParsedExport => {
  let doc: { data?: { Comment?: WalineComment[] } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (error) {
    throw new Error(`Malformed JSON: ${(error as Error).message}`);
  }
  const rows = doc.data?.Comment;
  if (!Array.isArray(rows)) throw new Error('Not a Waline export: no data.Comment array');
  const posts = new Map<string, ImportedPost>();
  const comments: ImportedComment[] = rows.map((row, i) => {
    const url = row.url ?? '';
    if (!posts.has(url)) posts.set(url, { key: url, identifier: url, url: nonEmpty(url), title: null });
    return {
      sourceId: String(row.objectId ?? ''),
      postKey: url,
      parentSourceId: row.pid === null || row.pid === undefined || row.pid === '' ? null : String(row.pid),
      status: STATUS[row.status ?? 'approved'] ?? 'pending',
      authorName: nonEmpty(row.nick),
      authorEmail: nonEmpty(row.mail),
      authorWebsite: nonEmpty(row.link),
      ip: nonEmpty(row.ip),
      userAgent: nonEmpty(row.ua),
      createdAt: isoDate(row.insertedAt ?? row.createdAt ?? '', `Waline comment ${i}`),
      content: { kind: 'markdown', value: row.comment ?? '' },
    };
  });
  return { format: 'waline', posts: [...posts.values()], comments };
};
