/**
 * One import, start to end: detect the format, parse and plan the whole file (nothing is written
 * before this succeeds), then write. Shared by `npm run import`, the demo seeding and the tests.
 */
import { readArtalk } from '../../shared/migration/artalk';
import { readBloggerClassic, readBloggerTakeout } from '../../shared/migration/blogger';
import { readCommento } from '../../shared/migration/commento';
import { detectFormat } from '../../shared/migration/detect';
import { readDisqus } from '../../shared/migration/disqus';
import type { ParsedExport, SourceFormat } from '../../shared/migration/model';
import { parseParleyExport } from '../../shared/migration/parley-export';
import { planParleyImport } from '../../shared/migration/parley-plan';
import { planImport, type ImportPlan, type ImportReport } from '../../shared/migration/plan';
import type { PostIdMode } from '../../shared/migration/post-ids';
import { readRemark42 } from '../../shared/migration/remark42';
import { readWaline } from '../../shared/migration/waline';
import { readWordPress } from '../../shared/migration/wordpress';
import { writePlan } from '../../shared/usecases/import-comments';
import { openText, readAllText, sniff } from './import-input';

export interface ImportOptions {
  readonly format?: SourceFormat;
  readonly postIds: PostIdMode;
  readonly secret: string;
  readonly dryRun: boolean;
  readonly concurrency?: number;
  readonly ratePerSecond?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const XML_READERS = {
  disqus: readDisqus,
  wordpress: readWordPress,
  'blogger-classic': readBloggerClassic,
  'blogger-takeout': readBloggerTakeout,
} as const;

export const parseFile = async (file: string, format: SourceFormat): Promise<ParsedExport> => {
  if (format === 'remark42') return readRemark42(await readAllText(file));
  if (format === 'waline') return readWaline(await readAllText(file));
  if (format === 'commento') return readCommento(await readAllText(file));
  if (format === 'artalk') return readArtalk(await readAllText(file));
  if (format === 'parley') throw new Error('A Parley export is planned by planFile');
  return XML_READERS[format](await openText(file));
};

export const planFile = async (file: string, options: ImportOptions): Promise<ImportPlan> => {
  const format = options.format ?? detectFormat(await sniff(file));
  if (!format)
    throw new Error(
      `Cannot tell the format of ${file}: name it with --format (disqus, wordpress, blogger-classic, blogger-takeout, remark42, waline, commento, artalk, parley)`,
    );
  if (format === 'parley')
    return planParleyImport(parseParleyExport(await readAllText(file)), options.dryRun, options.secret);
  return planImport(await parseFile(file, format), {
    postIds: options.postIds,
    secret: options.secret,
    importedAt: new Date().toISOString(),
    dryRun: options.dryRun,
  });
};

export const importFile = async (
  file: string,
  options: ImportOptions,
): Promise<ImportReport & { retries?: number }> => {
  const plan = await planFile(file, options);
  if (options.dryRun) return plan.report;
  return writePlan(plan, {
    concurrency: options.concurrency ?? 4,
    ratePerSecond: options.ratePerSecond,
    onProgress: options.onProgress,
  });
};
