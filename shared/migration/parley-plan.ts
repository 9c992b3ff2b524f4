/**
 * A Parley export is imported as it is: same ids, statuses, paths, dates and moderation history,
 * so the table it fills exports to the same bytes. Only the counters are rebuilt, by the writes.
 * One thing is filled in: an export of a first-version table has no `emailKey` (the key of the
 * email alone, which the reader's own-data link and author blocks look up), so a comment with an
 * email and none gets it from this deployment's secret.
 */
import { emailKeyOf } from '../crypto';
import type { ParleyExport } from './parley-export';
import { emptyReport, type ImportPlan } from './plan';

export const planParleyImport = (doc: ParleyExport, dryRun: boolean, secret?: string): ImportPlan => {
  const report = emptyReport('parley', dryRun);
  for (const c of doc.comments) {
    report.imported.total++;
    if (c.status === 'approved' || c.status === 'pending' || c.status === 'spam') report.imported[c.status]++;
    else if (c.inThread) report.imported.placeholder++;
    if (c.depth === 0 && c.inThread) report.threads++;
  }
  report.posts = doc.posts.length;
  const records = [...doc.comments]
    .sort((a, b) => a.depth - b.depth)
    .map((c) =>
      c.emailKey === null && c.authorEmail !== null && secret
        ? { ...c, emailKey: emailKeyOf(secret, c.authorEmail) }
        : c,
    );
  return { posts: doc.posts, records, count: records.length, report };
};
