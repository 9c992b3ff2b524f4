/**
 * Writes a planned import in conditional transactions of up to 25 comments (see
 * shared/store/import-writes.ts), a bounded number in flight and, deployed, no faster than a
 * given rate, then the posts' locks. The plan is complete before the first write, so a file that
 * cannot be read never writes anything; its records are made batch by batch as they are written.
 */
import type { CommentRecord } from '../domain/comment';
import type { ImportPlan, ImportReport } from '../migration/plan';
import { IMPORT_BATCH_SIZE, writeImportedBatch, writeImportedPost, type WriteStats } from '../store/import-writes';

export interface WriteOptions {
  /** Transactions in flight at once. */
  readonly concurrency: number;
  /** Comments per second at most; undefined: as fast as the table answers. */
  readonly ratePerSecond?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export const writePlan = async (
  plan: ImportPlan,
  options: WriteOptions,
): Promise<ImportReport & { retries: number }> => {
  const stats: WriteStats = { retries: 0 };
  const posts = new Map(plan.posts.map((p) => [p.id, p]));
  const postInfo = (id: string) => ({ title: posts.get(id)?.title ?? null, url: posts.get(id)?.url ?? null });
  const source = plan.records[Symbol.iterator]();
  // Synchronous, so two workers never take the same record.
  const take = (): CommentRecord[] => {
    const batch: CommentRecord[] = [];
    for (let r = source.next(); !r.done; r = source.next()) if (batch.push(r.value) >= IMPORT_BATCH_SIZE) break;
    return batch;
  };
  let next = 0;
  let done = 0;
  let present = 0;
  const started = Date.now();
  const worker = async () => {
    for (let batch = take(); batch.length > 0; batch = take()) {
      const first = next;
      next += batch.length;
      if (options.ratePerSecond) {
        // Paced by start time: the n-th comment may not be sent before n / rate seconds.
        const due = started + (first / options.ratePerSecond) * 1000;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      const outcome = await writeImportedBatch(batch, postInfo, stats);
      present += outcome.present;
      done += batch.length;
      options.onProgress?.(done, plan.count);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  for (const post of plan.posts) await writeImportedPost(post, stats);
  return { ...plan.report, alreadyPresent: present, retries: stats.retries };
};
