/**
 * Artalk's own transfer format, "Artrans" (Dashboard > Transfer > Export, or `artalk export`): a
 * JSON array of comments, every value a string: `id`, `rid` (the parent's id, `"0"` for a
 * top-level comment), `content` (Markdown as written), `ua`, `ip`, `is_pending`, `created_at`,
 * `nick`, `email`, `link`, `page_key` (the page's URL or path, Artalk's thread key), `page_title`
 * and `site_name`. Pages are told apart by site and key, as Artalk does.
 */
import { isoDate, nonEmpty, type ImportedComment, type ImportedPost, type ParsedExport } from './model';

interface Artran {
  id?: string | number;
  rid?: string | number;
  content?: string;
  ua?: string;
  ip?: string;
  is_pending?: string | boolean;
  created_at?: string;
  nick?: string;
  email?: string;
  link?: string;
  page_key?: string;
  page_title?: string;
  site_name?: string;
}

/** Artalk writes Go's time.String(): `2021-10-28 20:50:15 +0800 +0800` (or CST); RFC 3339 also occurs. */
const artalkDate = (raw: string, where: string): string => {
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-]\d{2})(\d{2})\b/.exec(raw.trim());
  return isoDate(go ? `${go[1]}T${go[2]}${go[3] ?? ''}${go[4]}:${go[5]}` : raw, where);
};

export const readArtalk = (text: string): ParsedExport => {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new Error(`Malformed JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new Error('Not an Artalk export: not a JSON array');
  const posts = new Map<string, ImportedPost>();
  const comments: ImportedComment[] = (rows as Artran[]).map((row, i) => {
    const key = `${row.site_name ?? ''}\n${row.page_key ?? ''}`;
    if (!posts.has(key))
      posts.set(key, {
        key,
        identifier: nonEmpty(row.page_key),
        url: nonEmpty(row.page_key),
        title: nonEmpty(row.page_title),
      });
    const rid = String(row.rid ?? '0');
    return {
      sourceId: String(row.id ?? ''),
      postKey: key,
      parentSourceId: rid === '0' || rid === '' ? null : rid,
      status: String(row.is_pending) === 'true' ? 'pending' : 'approved',
      authorName: nonEmpty(row.nick),
      authorEmail: nonEmpty(row.email),
      authorWebsite: nonEmpty(row.link),
      ip: nonEmpty(row.ip),
      userAgent: nonEmpty(row.ua),
      createdAt: artalkDate(row.created_at ?? '', `Artalk comment ${i}`),
      content: { kind: 'markdown', value: row.content ?? '' },
    };
  });
  return { format: 'artalk', posts: [...posts.values()], comments };
};
