/**
 * Writes a planned import: every comment in its own conditional transaction (see
 * shared/store/import-writes.ts), a bounded number at a time and, deployed, no faster than a
 * given rate, then the posts' locks. The plan is complete before the first write, so a file that
 * cannot be read never writes anything.
 */
import type { ImportPlan, ImportReport } from '../migration/plan';
import { writeImportedComment, writeImportedPost, type WriteStats } from '../store/import-writes';

export interface WriteOptions {
  /** Transactions in flight at once. */
  readonly concurrency: number;
  /** Transactions per second at most; undefined: as fast as the table answers. */
  readonly ratePerSecond?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export const writePlan = async (
  plan: ImportPlan,
  options: WriteOptions,
): Promise<ImportReport & { retries: number }> => {
  const stats: WriteStats = { retries: 0 };
  const posts = new Map(plan.posts.map((p) => [p.id, p]));
  let next = 0;
  let done = 0;
  let present = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < plan.records.length) {
      const index = next++;
      if (options.ratePerSecond) {
        // Paced by start time: the index-th write may not start before index / rate seconds.
        const due = started + (index / options.ratePerSecond) * 1000;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      const record = plan.records[index]!;
      const post = posts.get(record.post);
      const outcome = await writeImportedComment(record, { title: post?.title ?? null, url: post?.url ?? null }, stats);
      if (outcome === 'present') present++;
      options.onProgress?.(++done, plan.records.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  for (const post of plan.posts) await writeImportedPost(post, stats);
  return { ...plan.report, alreadyPresent: present, retries: stats.retries };
};
