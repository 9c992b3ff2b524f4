/**
 * Gives the demo blog conversations: `npm start` imports web/demo/comments.blogger.atom (a Blogger
 * backup written for the demo) through the very importer users run. Comment ids derive from the
 * file, so a start interrupted half-way completes the import on the next one. Once it completed, a
 * marker item keeps later starts from importing again: a demo comment a moderator erased stays gone.
 */
import path from 'node:path';
import { WEB_DIR } from '../../web/build';
import { hasSeedMarker, putSeedMarker } from '../../shared/store/seed-marker';
import { importFile } from '../tools/import-run';

export const DEMO_COMMENTS_FILE = path.join(WEB_DIR, 'demo', 'comments.blogger.atom');

/** Imports into the table the local stack set up (TABLE_NAME, DYNAMODB_ENDPOINT, PARLEY_SECRET). */
export const seedDemoComments = async (log: (line: string) => void = console.error): Promise<void> => {
  try {
    if (await hasSeedMarker('demo-comments')) return;
    const report = await importFile(DEMO_COMMENTS_FILE, {
      postIds: { kind: 'url' },
      secret: process.env.PARLEY_SECRET ?? '',
      dryRun: false,
      concurrency: 4,
    });
    await putSeedMarker('demo-comments', new Date().toISOString());
    const created = report.imported.total - report.alreadyPresent;
    if (created > 0)
      log(`Demo blog: imported ${created} comments from ${path.relative(process.cwd(), DEMO_COMMENTS_FILE)}`);
  } catch (error) {
    // The demo threads are a nicety: a failure must not stop the local stack.
    log(`Demo comments not imported: ${error instanceof Error ? error.message : String(error)}`);
  }
};
