/**
 * The neutral model every source format is read into before anything is planned or written, so the
 * rules (threads, statuses, ids, limits) live in one place instead of once per format.
 */
export type SourceFormat =
  | 'disqus'
  | 'wordpress'
  | 'blogger-classic'
  | 'blogger-takeout'
  | 'remark42'
  | 'waline'
  | 'commento'
  | 'artalk'
  | 'parley';

/** What the source says about a comment; thread-repair.ts decides what each becomes in Parley. */
export type SourceStatus = 'approved' | 'pending' | 'spam' | 'deleted' | 'pingback';

export interface ImportedPost {
  /** The source's own key for the thread (Disqus thread id, WordPress post id, Blogger post id). */
  readonly key: string;
  /** The source's thread identifier when it has one (`--post-ids identifier`), else null. */
  readonly identifier: string | null;
  readonly url: string | null;
  readonly title: string | null;
}

export interface ImportedComment {
  /** Unique within the source: derived comment ids hash it. */
  readonly sourceId: string;
  readonly postKey: string;
  readonly parentSourceId: string | null;
  readonly status: SourceStatus;
  readonly authorName: string | null;
  readonly authorEmail: string | null;
  readonly authorWebsite: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** ISO 8601. */
  readonly createdAt: string;
  /** The source's text as HTML (converted to Markdown later) or Markdown already. */
  readonly content: { readonly kind: 'html' | 'markdown' | 'text'; readonly value: string };
}

export interface ParsedExport {
  readonly format: SourceFormat;
  readonly posts: readonly ImportedPost[];
  readonly comments: readonly ImportedComment[];
}

/** Dates in the file are kept; an unreadable one is an error of the file, not a guess. */
export const isoDate = (raw: string, where: string): string => {
  const trimmed = raw.trim();
  // WordPress's comment_date_gmt is "YYYY-MM-DD HH:MM:SS" in UTC without a zone.
  const normalised = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  const time = Date.parse(normalised);
  if (Number.isNaN(time)) throw new Error(`${where}: not a date: "${raw}"`);
  return new Date(time).toISOString();
};

export const nonEmpty = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};
