/** Builds an Atom 1.0 document (RFC 4287) of approved comments. Pure: no I/O, no clock. */
export interface FeedEntry {
  readonly id: string;
  readonly post: string;
  readonly postTitle: string | null;
  readonly postUrl: string | null;
  readonly authorName: string;
  readonly html: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
}

export interface FeedSpec {
  readonly title: string;
  /** A stable IRI for the feed itself. */
  readonly id: string;
  readonly selfUrl: string;
  readonly siteUrl: string;
  readonly entries: readonly FeedEntry[];
}

const escapeXml = (s: string): string =>
  s
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // XML 1.0 cannot carry most C0 controls even escaped; comment text never needs them.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

const entryLink = (e: FeedEntry, siteUrl: string): string =>
  `${e.postUrl ?? new URL(e.post, siteUrl).href}#comment-${e.id}`;

export const atomFeed = (spec: FeedSpec): string => {
  const updated = spec.entries.reduce(
    (latest, e) => ((e.editedAt ?? e.createdAt) > latest ? (e.editedAt ?? e.createdAt) : latest),
    '1970-01-01T00:00:00.000Z',
  );
  const entries = spec.entries.map((e) =>
    [
      '  <entry>',
      `    <id>urn:parley:comment:${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(`${e.authorName} on ${e.postTitle ?? e.post}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entryLink(e, spec.siteUrl))}"/>`,
      `    <author><name>${escapeXml(e.authorName)}</name></author>`,
      `    <published>${escapeXml(e.createdAt)}</published>`,
      `    <updated>${escapeXml(e.editedAt ?? e.createdAt)}</updated>`,
      `    <content type="html">${escapeXml(e.html)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(spec.id)}</id>`,
    `  <title>${escapeXml(spec.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(spec.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(spec.siteUrl)}"/>`,
    `  <generator>Parley</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
};
