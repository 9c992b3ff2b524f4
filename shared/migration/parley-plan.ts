/**
 * A Parley export is imported as it is: same ids, statuses, paths, dates and moderation history,
 * so the table it fills exports to the same bytes. Only the counters are rebuilt, by the writes.
 */
import type { ParleyExport } from './parley-export';
import { emptyReport, type ImportPlan } from './plan';

export const planParleyImport = (doc: ParleyExport, dryRun: boolean): ImportPlan => {
  const report = emptyReport('parley', dryRun);
  for (const c of doc.comments) {
    report.imported.total++;
    if (c.status === 'approved' || c.status === 'pending' || c.status === 'spam') report.imported[c.status]++;
    else if (c.inThread) report.imported.placeholder++;
    if (c.depth === 0 && c.inThread) report.threads++;
  }
  report.posts = doc.posts.length;
  const records = [...doc.comments].sort((a, b) => a.depth - b.depth);
  return { posts: doc.posts, records, count: records.length, report };
};
